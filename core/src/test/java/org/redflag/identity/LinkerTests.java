package org.redflag.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Linking: hops, hubs, namesakes, explanations; invariant under re-typing and input order. */
class LinkerTests {

    static final SellerReader READER = new SellerReader("CN");

    static Linker.Seller seller(String json) {
        try {
            return READER.parse(json);
        } catch (SellerReader.BadLine e) {
            throw new AssertionError(e);
        }
    }

    static List<Linker.Result> link(List<Linker.Seller> sellers) {
        return new Linker(20, 5).link(sellers);
    }

    @Test
    void a_re_registration_two_hops_away_is_linked_with_its_path() {
        var banned = seller("{\"id\":\"old\",\"banned\":true,\"phones\":[\"+86 138 0013 8000\"]}");
        var middle = seller("{\"id\":\"mid\",\"phones\":[\"13800138000\"],\"deviceIds\":[\"{AB12-CD34-EF56}\"]}");
        var fresh = seller("{\"id\":\"new\",\"deviceIds\":[\"ab12cd34ef56\"],\"emails\":[\"x@y.cn\"]}");
        var other = seller("{\"id\":\"other\",\"emails\":[\"z@y.cn\"]}");
        List<Linker.Result> r = link(List.of(banned, middle, fresh, other));
        assertThat(r).extracting(Linker.Result::sellerId).containsExactly("mid", "new");
        Linker.Link link = r.get(1).linkedBanned().get(0);
        assertThat(link.bannedId()).isEqualTo("old");
        assertThat(link.path()).hasSize(2);
        assertThat(link.path().get(0).identifier()).isEqualTo(IdentifierType.DEVICE_ID);
        assertThat(link.path().get(1).identifier()).isEqualTo(IdentifierType.PHONE);
        assertThat(link.path().get(1).masked()).isEqualTo("+8**********00").doesNotContain("138001");
        assertThat(link.confidence()).isEqualTo(0.9);
    }

    @Test
    void names_and_addresses_never_link_on_their_own() {
        var banned = seller("{\"id\":\"old\",\"banned\":true,\"name\":\"Li Wei\",\"addresses\":[\"88 Keji Road\"]}");
        var namesake = seller("{\"id\":\"new\",\"name\":\"li  wei\",\"addresses\":[\"88 keji road\"]}");
        assertThat(link(List.of(banned, namesake))).isEmpty();
    }

    @Test
    void an_identifier_shared_by_very_many_accounts_is_a_hub_and_links_nobody() {
        List<Linker.Seller> sellers = new ArrayList<>();
        sellers.add(seller("{\"id\":\"old\",\"banned\":true,\"paymentAccounts\":[\"AGGREGATOR-0001\"]}"));
        for (int i = 0; i < 30; i++) {
            sellers.add(seller("{\"id\":\"s" + i + "\",\"paymentAccounts\":[\"aggregator 0001\"]}"));
        }
        assertThat(link(sellers)).isEmpty();
    }

    static LongStream seeds() {
        long base = Long.getLong("redflag.seed", 1L);
        return LongStream.range(base, base + 100);
    }

    /** Random sellers sharing identifiers from small pools, each typed in one of its accepted formats. */
    static List<String> sellers(long seed, boolean retype) {
        Random r = new Random(seed);
        Random style = new Random(seed * 7 + (retype ? 1 : 0));
        List<String> out = new ArrayList<>();
        int n = 5 + r.nextInt(30);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder("{\"id\":\"s" + i + "\"");
            if (r.nextInt(4) == 0) {
                sb.append(",\"banned\":true");
            }
            if (r.nextBoolean()) {
                long number = 13800138000L + r.nextInt(12);
                String p = switch (style.nextInt(4)) {
                    case 0 -> "+86 " + number;
                    case 1 -> "0086" + number;
                    case 2 -> String.valueOf(number);
                    default -> ("+86-" + number).replace("0", "０");
                };
                sb.append(",\"phones\":[\"").append(p).append("\"]");
            }
            if (r.nextBoolean()) {
                String e = "seller" + r.nextInt(10);
                String typed = switch (style.nextInt(3)) {
                    case 0 -> e + "@gmail.com";
                    case 1 -> e.toUpperCase() + "+tag@Gmail.com";
                    default -> e.charAt(0) + "." + e.substring(1) + "@googlemail.com";
                };
                sb.append(",\"emails\":[\"").append(typed).append("\"]");
            }
            if (r.nextInt(3) == 0) {
                String d = String.format("%08x", r.nextInt(8));
                sb.append(",\"deviceIds\":[\"").append(style.nextBoolean() ? d.toUpperCase() : "{" + d + "}")
                        .append("\"]");
            }
            out.add(sb.append('}').toString());
        }
        return out;
    }

    static List<Linker.Seller> parse(List<String> lines) {
        return lines.stream().map(LinkerTests::seller).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void re_typing_identifiers_in_another_accepted_format_changes_nothing(long seed) {
        assertThat(link(parse(sellers(seed, true)))).as("seed %d", seed)
                .isEqualTo(link(parse(sellers(seed, false))));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_order_of_the_input_changes_nothing(long seed) {
        List<Linker.Seller> sellers = parse(sellers(seed, false));
        List<Linker.Seller> shuffled = new ArrayList<>(sellers);
        Collections.shuffle(shuffled, new Random(seed));
        var a = link(sellers).stream().sorted(java.util.Comparator.comparing(Linker.Result::sellerId)).toList();
        var b = link(shuffled).stream().sorted(java.util.Comparator.comparing(Linker.Result::sellerId)).toList();
        assertThat(b).as("seed %d", seed).isEqualTo(a);
    }
}
