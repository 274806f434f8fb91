package org.redflag.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.evidence.EvidenceRecord;
import org.redflag.evidence.Ledger;

/**
 * Entries taken into a real ledger on its own thread while the caller goes on: in the order asked for, each with
 * its custody, a failure given back as it was, and nothing lost when the server stops meanwhile.
 */
class EvidenceLedgerTests {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private EvidenceLedger ledger;

    private EvidenceLedger open() {
        // taking an entry needs no database: the links are written by the caller afterwards
        ledger = new EvidenceLedger(dir.resolve("evidence"), "", clock, null, null);
        return ledger;
    }

    @AfterEach
    void close() throws InterruptedException {
        if (ledger != null) {
            ledger.destroy();
        }
    }

    private static EvidenceLedger.ToTake entry(long notice, String text) {
        return new EvidenceLedger.ToTake(notice, text.getBytes(StandardCharsets.UTF_8), "notice-" + notice + ".json",
                "application/json", "brand", "NOTICE");
    }

    @Test
    void entriesAreTakenInTheOrderAskedForEachAboutItsNotice() throws Exception {
        EvidenceLedger l = open();
        List<EvidenceLedger.ToTake> asked = IntStream.range(0, 50).mapToObj(i -> entry(100 + i % 7, "filed " + i))
                .toList();

        List<EvidenceLedger.Taken> taken = l.takeMeanwhile(asked).join();

        assertThat(taken).hasSize(50);
        for (int i = 0; i < 50; i++) {
            EvidenceRecord r = taken.get(i).record();
            assertThat(taken.get(i).noticeId()).isEqualTo(asked.get(i).noticeId());
            assertThat(r.index()).isEqualTo(i);
            assertThat(r.custody().subject()).isEqualTo("notice " + asked.get(i).noticeId());
            assertThat(r.size()).isEqualTo(asked.get(i).content().length);
        }
        assertThat(l.ledger().size()).isEqualTo(50);
        // each entry's bytes are in the ledger's stored contents under their hash
        EvidenceRecord third = taken.get(3).record();
        assertThat(third.sha256()).isEqualTo(org.redflag.evidence.Hashes.hex(org.redflag.evidence.Hashes.sha256(
                "filed 3".getBytes(StandardCharsets.UTF_8))));
        assertThat(new String(l.ledger().content(third), StandardCharsets.UTF_8))
                .isEqualTo("filed 3");
    }

    @Test
    void nothingToTakeTakesNothing() {
        EvidenceLedger l = open();

        assertThat(l.takeMeanwhile(List.of()).join()).isEmpty();
        assertThat(l.ledger().size()).isZero();
    }

    @Test
    void whatMadeATakeFailIsGivenBackAsItWas() {
        EvidenceLedger l = open();
        List<EvidenceLedger.ToTake> asked = new ArrayList<>(List.of(entry(1, "fine")));
        asked.add(new EvidenceLedger.ToTake(2, null, "broken.json", "application/json", "brand", "NOTICE"));

        EvidenceLedger.Meanwhile taking = l.takeMeanwhile(asked);

        assertThatThrownBy(taking::join).isInstanceOf(NullPointerException.class);
        // the entry before it is taken; the ledger goes on taking entries after a failure
        assertThat(l.takeMeanwhile(List.of(entry(3, "after"))).join().get(0).record().index()).isEqualTo(1);
    }

    @Test
    void stoppingTheServerFinishesWhatIsBeingTakenBeforeTheLedgerCloses() throws Exception {
        EvidenceLedger l = open();
        EvidenceLedger.Meanwhile taking = l.takeMeanwhile(IntStream.range(0, 500)
                .mapToObj(i -> entry(i, "filed " + i)).toList());

        l.destroy();
        ledger = null;

        assertThat(taking.join()).hasSize(500);
        try (Ledger reopened = Ledger.open(dir.resolve("evidence"), clock, "test", java.util.Optional.empty())) {
            assertThat(reopened.size()).isEqualTo(500);
            assertThat(reopened.recovered()).isFalse();
        }
    }
}
