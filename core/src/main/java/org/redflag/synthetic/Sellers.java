package org.redflag.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Synthetic sellers with ground truth for linking: banned sellers, 78 % of whom come back under a new account that
 * shares a strong identifier typed differently (phone formats, Gmail dots and +tags, device-id braces and case),
 * some over two hops; innocent sellers with their own identifiers, namesakes of banned ones at the same
 * addresses, and many sellers paid through one aggregator account (a hub). Writes sellers.jsonl and
 * seller-labels.jsonl ({"sellerId", "reRegistrationOf"}).
 */
public final class Sellers {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] NAMES = {"Li Wei", "Wang Fang", "Zhang Min", "Liu Yang", "Chen Jie", "Yang Li",
        "Huang Lei", "Zhao Jing", "Wu Tao", "Zhou Xin"};

    private final Random r;
    private long serial;

    public Sellers(long seed) {
        this.r = new Random(seed);
    }

    public void write(Path sellers, Path labels, long n) throws IOException {
        try (BufferedWriter s = Files.newBufferedWriter(sellers, StandardCharsets.UTF_8);
             BufferedWriter l = Files.newBufferedWriter(labels, StandardCharsets.UTF_8)) {
            long written = 0;
            while (written < n) {
                int roll = r.nextInt(100);
                List<ObjectNode> group = new ArrayList<>();
                List<String> origins = new ArrayList<>();
                if (roll < 5) {
                    ObjectNode banned = fresh(true);
                    group.add(banned);
                    origins.add(null);
                    if (r.nextInt(100) < 78) {
                        ObjectNode again = fresh(false);
                        share(banned, again);
                        group.add(again);
                        origins.add(banned.get("id").asString());
                        if (r.nextInt(10) < 3) {
                            ObjectNode third = fresh(false);
                            share(again, third);
                            group.add(third);
                            origins.add(banned.get("id").asString());
                        }
                    }
                    if (r.nextInt(10) < 3) {
                        ObjectNode namesake = fresh(false);
                        namesake.put("name", banned.get("name").asString().toUpperCase());
                        namesake.putArray("addresses").add(banned.get("addresses").get(0).asString());
                        group.add(namesake);
                        origins.add(null);
                    }
                } else {
                    ObjectNode innocent = fresh(false);
                    if (r.nextInt(20) == 0) {
                        ((ArrayNode) innocent.get("paymentAccounts")).add("AGGREGATOR-COLLECT-0001");
                    }
                    group.add(innocent);
                    origins.add(null);
                }
                for (int i = 0; i < group.size() && written < n; i++, written++) {
                    s.write(JSON.writeValueAsString(group.get(i)));
                    s.write('\n');
                    ObjectNode label = JSON.createObjectNode();
                    label.put("sellerId", group.get(i).get("id").asString());
                    if (origins.get(i) == null) {
                        label.putNull("reRegistrationOf");
                    } else {
                        label.put("reRegistrationOf", origins.get(i));
                    }
                    l.write(JSON.writeValueAsString(label));
                    l.write('\n');
                }
            }
        }
    }

    private ObjectNode fresh(boolean banned) {
        long k = serial++;
        ObjectNode o = JSON.createObjectNode();
        o.put("id", "seller-" + k);
        o.put("name", NAMES[r.nextInt(NAMES.length)] + (r.nextBoolean() ? "" : " Trading"));
        o.putArray("phones").add("+86 " + (13000000000L + k * 7 + 1));
        o.putArray("emails").add("shop" + k + "@example.cn");
        o.putArray("deviceIds").add(String.format("%016x", k * 2654435761L + 12345));
        o.putArray("paymentAccounts").add("6222" + String.format("%012d", k));
        o.putArray("addresses").add((100 + r.nextInt(900)) + " Keji Road, Shenzhen");
        if (banned) {
            o.put("banned", true);
            o.put("banReason", "counterfeits");
        }
        return o;
    }

    /** Gives {@code to} one of {@code from}'s strong identifiers, typed another way. */
    private void share(ObjectNode from, ObjectNode to) {
        switch (r.nextInt(4)) {
            case 0 -> {
                String p = from.get("phones").get(0).asString().replace("+86 ", "");
                ((ArrayNode) to.get("phones")).add(r.nextBoolean() ? "0086-" + p.substring(0, 3) + "-" + p.substring(3)
                        : p.replace("0", "０"));
            }
            case 1 -> {
                String e = from.get("emails").get(0).asString();
                ((ArrayNode) to.get("emails")).add(e.toUpperCase().replace("@", "+new@"));
            }
            case 2 -> {
                String d = from.get("deviceIds").get(0).asString();
                ((ArrayNode) to.get("deviceIds")).add("{" + d.toUpperCase() + "}");
            }
            default -> {
                String a = from.get("paymentAccounts").get(0).asString();
                ((ArrayNode) to.get("paymentAccounts")).add(a.substring(0, 4) + " " + a.substring(4, 8) + "-"
                        + a.substring(8));
            }
        }
    }
}
