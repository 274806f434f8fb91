package org.redflag.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The in-memory index against plain maps of the same sellers: the holders of every identifier (none for a hub), the
 * shared identifiers of every seller, whether sellers come whole or row by row in any order, and with the arrays
 * grown from their smallest size or reserved.
 */
class IdentityIndexTests {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void it_holds_what_plain_maps_hold(long seed) {
        Random random = new Random(seed);
        int threshold = 1 + random.nextInt(6);
        List<Linker.Seller> sellers = new ArrayList<>();
        for (int s = 0; s < 3_000; s++) {
            List<Linker.Identifier> ids = new ArrayList<>();
            for (int k = random.nextInt(5); k >= 0; k--) {
                IdentifierType type = IdentifierType.values()[random.nextInt(IdentifierType.values().length)];
                Linker.Identifier i = new Linker.Identifier(type, type.key() + "-" + random.nextInt(2_500));
                if (!ids.contains(i)) {
                    ids.add(i);
                }
            }
            sellers.add(new Linker.Seller("seller-" + Integer.toString(s, 36) + (s % 7 == 0 ? "-\u00e9" : ""),
                    random.nextInt(10) == 0, ids));
        }
        Map<Linker.Identifier, TreeSet<String>> holders = new HashMap<>();
        Map<String, Boolean> banned = new HashMap<>();
        for (Linker.Seller s : sellers) {
            banned.put(s.id(), s.banned());
            s.identifiers().stream().filter(i -> i.type().strong())
                    .forEach(i -> holders.computeIfAbsent(i, x -> new TreeSet<>()).add(s.id()));
        }

        IdentityIndex whole = new IdentityIndex(threshold);
        sellers.forEach(whole::add);
        IdentityIndex rows = new IdentityIndex(threshold);
        rows.reserve(sellers.size(), 10_000);
        sellers.forEach(s -> rows.addSeller(s.id(), s.banned()));
        List<Object[]> pairs = new ArrayList<>();
        sellers.forEach(s -> s.identifiers().forEach(i -> pairs.add(new Object[] {s.id(), i})));
        Collections.shuffle(pairs, random);
        pairs.forEach(p -> rows.addIdentifier((String) p[0], ((Linker.Identifier) p[1]).type(),
                ((Linker.Identifier) p[1]).value()));

        for (IdentityIndex index : List.of(whole, rows)) {
            assertThat(index.sellers()).isEqualTo(sellers.size());
            assertThat(index.pairs()).isEqualTo(holders.values().stream().mapToInt(TreeSet::size).sum());
            for (var e : holders.entrySet()) {
                List<IdentityIndex.Holder> expected = e.getValue().size() > threshold ? List.of()
                        : e.getValue().stream().map(id -> new IdentityIndex.Holder(id, banned.get(id))).toList();
                assertThat(index.holders(e.getKey())).as(e.getKey().toString()).isEqualTo(expected);
            }
            assertThat(index.holders(new Linker.Identifier(IdentifierType.PHONE, "phone-none"))).isEmpty();
            Map<String, List<Linker.Identifier>> shared = index.sharedIdentifiers(
                    sellers.stream().map(Linker.Seller::id).toList());
            for (Linker.Seller s : sellers) {
                List<Linker.Identifier> expected = s.identifiers().stream()
                        .filter(i -> i.type().strong() && holders.get(i).size() >= 2)
                        .sorted(Comparator.comparing((Linker.Identifier i) -> i.type().name())
                                .thenComparing(Linker.Identifier::value)).toList();
                assertThat(shared.get(s.id())).as(s.id()).isEqualTo(expected);
            }
        }
    }

    @Test
    void a_seller_on_record_is_added_once_and_rows_of_unknown_sellers_are_refused() {
        IdentityIndex index = new IdentityIndex(3);
        var phone = new Linker.Identifier(IdentifierType.PHONE, "+8613900001111");
        assertThat(index.add(new Linker.Seller("a", false, List.of(phone)))).isTrue();
        assertThat(index.add(new Linker.Seller("a", true, List.of(phone)))).isFalse();
        assertThat(index.addIdentifier("a", IdentifierType.PHONE, "+8613900001111")).as("held already").isFalse();
        assertThat(index.addIdentifier("b", IdentifierType.PHONE, "+8613900001111")).as("unknown seller").isFalse();
        assertThat(index.addIdentifier("a", IdentifierType.NAME, "li wei")).as("weak").isFalse();
        assertThat(index.holders(phone)).containsExactly(new IdentityIndex.Holder("a", false));
        assertThat(index.sharedIdentifiers(List.of("a", "b"))).containsOnlyKeys("a");
        assertThat(index.contains("a")).isTrue();
        assertThat(index.contains("b")).isFalse();
        assertThat(index.setBanned("a", true)).isTrue();
        assertThat(index.holders(phone)).containsExactly(new IdentityIndex.Holder("a", true));
        assertThat(index.setBanned("a", false)).isTrue();
        assertThat(index.holders(phone)).containsExactly(new IdentityIndex.Holder("a", false));
        assertThat(index.setBanned("b", true)).isFalse();
        assertThatThrownBy(() -> new IdentityIndex(0)).hasMessageContaining("hub threshold");
    }
}
