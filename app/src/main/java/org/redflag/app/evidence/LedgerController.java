package org.redflag.app.evidence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.problem.ApiException;
import org.redflag.evidence.Hashes;
import org.redflag.evidence.Ledger;
import org.redflag.evidence.TreeHead;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ledger itself: its public key, signed tree heads, inclusion and consistency proofs. */
@RestController
@RequestMapping("/api/evidence")
@Tag(name = "Evidence")
public class LedgerController {

    private final EvidenceLedger evidence;
    private final CurrentActor current;

    public LedgerController(EvidenceLedger evidence, CurrentActor current) {
        this.evidence = evidence;
        this.current = current;
    }

    @GetMapping(path = "/public-key", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The ledger's Ed25519 public key (PEM), to publish and to check bundles against")
    public String publicKey() {
        current.get();
        return evidence.ledger().signer().publicPem();
    }

    @PostMapping("/heads")
    @Operation(summary = "Sign and time-stamp a tree head now (staff)")
    public Map<String, Object> sign() {
        staff();
        return head(evidence.ledger().signHead());
    }

    @GetMapping("/heads")
    @Operation(summary = "The signed tree heads, oldest first")
    public List<Map<String, Object>> heads() {
        current.get();
        return evidence.ledger().heads().stream().map(LedgerController::head).toList();
    }

    @GetMapping("/inclusion")
    @Operation(summary = "Inclusion proof of an entry in the tree of a given size (staff)")
    public Map<String, Object> inclusion(@RequestParam long index, @RequestParam long size) {
        staff();
        Ledger l = evidence.ledger();
        if (size < 1 || size > l.size()) {
            throw ApiException.badRequest("size", "expected 1 to " + l.size() + "; found " + size);
        }
        if (index < 0 || index >= size) {
            throw ApiException.badRequest("index", "expected 0 to " + (size - 1) + "; found " + index);
        }
        return Map.of("leafIndex", index, "treeSize", size, "leafHash", Hashes.hex(Hashes.leaf(
                l.record(index).leafData())), "rootHash", Hashes.hex(l.root(size)), "path",
                l.inclusionProof(index, size).stream().map(Hashes::hex).toList());
    }

    @GetMapping("/consistency")
    @Operation(summary = "Consistency proof between two tree sizes (staff)")
    public Map<String, Object> consistency(@RequestParam long from, @RequestParam long to) {
        staff();
        Ledger l = evidence.ledger();
        if (to < 0 || to > l.size()) {
            throw ApiException.badRequest("to", "expected 0 to " + l.size() + "; found " + to);
        }
        if (from < 0 || from > to) {
            throw ApiException.badRequest("from", "expected 0 to " + to + "; found " + from);
        }
        return Map.of("first", from, "second", to, "firstRoot", Hashes.hex(l.root(from)), "secondRoot",
                Hashes.hex(l.root(to)), "proof", l.consistencyProof(from, to).stream().map(Hashes::hex).toList());
    }

    private void staff() {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff query the ledger directly; parties get their"
                    + " notice's bundle at /api/notices/{id}/evidence");
        }
    }

    private static Map<String, Object> head(TreeHead h) {
        return Map.of("treeSize", h.treeSize(), "rootHash", Hashes.hex(h.rootHash()), "timestamp",
                h.timestamp().toString(), "signature", java.util.Base64.getEncoder().encodeToString(h.signature()),
                "timestampToken", java.util.Base64.getEncoder().encodeToString(h.timestampToken()));
    }

}
