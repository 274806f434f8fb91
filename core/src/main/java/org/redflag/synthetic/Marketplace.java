package org.redflag.synthetic;

import com.ibm.icu.text.Transliterator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongConsumer;
import org.redflag.law.RedFlag;
import org.redflag.screening.CounterfeitDictionary;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A synthetic marketplace from a seed: listings in English, Simplified and Traditional Chinese across ten
 * categories, with genuine goods, unbranded goods, legitimate look-alikes (AAA batteries, 1:1 scale models, 高仿真
 * flowers, compatible spare parts...), counterfeit terms under every supported obfuscation, prices below and near the
 * genuine-price threshold, sales anomalies and honest best-sellers, banned sellers and sellers named in foreign
 * orders. Writes the feed, the ground-truth labels and the reference files the screen reads.
 */
public final class Marketplace {

    static final String[] CATEGORIES = {"bags", "watches", "shoes", "apparel", "electronics", "beauty", "home",
        "toys", "flowers", "batteries"};
    static final Map<String, String[]> NOUNS = Map.of(
            "bags", new String[] {"handbag", "tote bag", "shoulder bag", "手袋", "女包"},
            "watches", new String[] {"watch", "wristwatch", "chronograph", "手表", "腕表"},
            "shoes", new String[] {"sneakers", "running shoes", "boots", "球鞋", "运动鞋"},
            "apparel", new String[] {"jacket", "scarf", "t-shirt", "外套", "围巾"},
            "electronics", new String[] {"earbuds", "charger", "headphones", "耳机", "充电器"},
            "beauty", new String[] {"lipstick", "perfume", "cream", "口红", "香水"},
            "home", new String[] {"vacuum filter", "hair dryer", "lamp", "吹风机", "台灯"},
            "toys", new String[] {"building set", "plush toy", "model car", "积木", "玩具"},
            "flowers", new String[] {"bouquet", "flower arrangement", "花束", "花艺"},
            "batteries", new String[] {"batteries", "battery pack", "电池"});
    static final String[] FILLER = {"new", "2024", "free shipping", "hot sale", "gift", "classic", "包邮", "新款",
        "正品", "特价", "limited", "official style"};
    static final String[] ALONE = {"high imitation", "super fake", "高仿", "精仿", "超A", "仿牌"};
    static final String[] WITH_BRAND = {"replica", "1:1", "一比一", "AAA", "OEM", "mirror quality", "复刻", "原单",
        "A货"};
    static final String[] LOOK_ALIKES = {"AAA batteries 8 pack", "1:1 scale model car", "imitation pearl necklace",
        "faux leather jacket", "高仿真 人造花 花束", "原单价 10 元 包邮", "Eiffel tower souvenir replica",
        "fake fur collar", "copy paper A4 500 sheets"};

    /** What to write: the listings and their labels, and the reference files. */
    public record Files(Path listings, Path labels, Path genuinePrices, Path bannedSellers, Path foreignOrders) {
        public static Files in(Path dir) {
            return new Files(dir.resolve("listings.jsonl"), dir.resolve("labels.jsonl"),
                    dir.resolve("genuine-prices.csv"), dir.resolve("banned-sellers.jsonl"),
                    dir.resolve("foreign-orders.csv"));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Random r;
    private final List<String> brands = new ArrayList<>();
    private final Map<String, List<String>> aliases = new LinkedHashMap<>();
    private final Map<String, Double> genuine = new LinkedHashMap<>();
    private final int sellers;
    private final Set<Integer> banned = new java.util.HashSet<>();
    private final Set<Integer> ordered = new java.util.HashSet<>();
    private final Transliterator toTraditional = Transliterator.getInstance("Simplified-Traditional");

    public Marketplace(long seed, long listings) {
        this.r = new Random(seed);
        for (CounterfeitDictionary.Entry e : CounterfeitDictionary.shipped().entries()) {
            if (e.kind() == CounterfeitDictionary.Kind.BRAND) {
                aliases.computeIfAbsent(e.brand(), b -> new ArrayList<>()).add(e.term());
            }
        }
        brands.addAll(aliases.keySet());
        for (String b : brands) {
            for (String c : CATEGORIES) {
                genuine.put(b + "|" + c, (double) (200 + r.nextInt(40) * 100));
            }
        }
        this.sellers = (int) Math.max(50, listings / 20);
        for (int i = 0; i < sellers; i++) {
            int x = r.nextInt(100);
            if (x < 2) {
                banned.add(i);
            } else if (x < 3) {
                ordered.add(i);
            }
        }
    }

    /** Writes {@code n} listings and the reference files; {@code progress} hears the count now and then. */
    public void write(Files out, long n, LongConsumer progress) throws IOException {
        java.nio.file.Files.createDirectories(out.listings().toAbsolutePath().getParent());
        try (BufferedWriter prices = java.nio.file.Files.newBufferedWriter(out.genuinePrices(), StandardCharsets.UTF_8)) {
            prices.write("brand,category,price,currency\n");
            for (var e : genuine.entrySet()) {
                String[] bc = e.getKey().split("\\|");
                prices.write("\"" + bc[0] + "\"," + bc[1] + "," + e.getValue() + ",CNY\n");
            }
        }
        try (BufferedWriter b = java.nio.file.Files.newBufferedWriter(out.bannedSellers(), StandardCharsets.UTF_8);
             BufferedWriter o = java.nio.file.Files.newBufferedWriter(out.foreignOrders(), StandardCharsets.UTF_8)) {
            o.write("sellerId,kind,court,issuedAt,servedAt\n");
            for (int s : banned) {
                b.write("{\"sellerId\":\"S" + s + "\",\"reason\":\"counterfeits\"}\n");
            }
            for (int s : ordered) {
                o.write("S" + s + ",TRO,N.D. Ill.,2024-01-10,2024-01-12\n");
            }
        }
        try (BufferedWriter listings = java.nio.file.Files.newBufferedWriter(out.listings(), StandardCharsets.UTF_8);
             BufferedWriter labels = java.nio.file.Files.newBufferedWriter(out.labels(), StandardCharsets.UTF_8)) {
            for (long i = 0; i < n; i++) {
                ObjectNode l = JSON.createObjectNode();
                Set<RedFlag> truth = EnumSet.noneOf(RedFlag.class);
                listing(i, l, truth);
                listings.write(JSON.writeValueAsString(l));
                listings.write('\n');
                ObjectNode label = JSON.createObjectNode();
                label.put("listingId", l.get("id").asString());
                var codes = label.putArray("flags");
                truth.forEach(f -> codes.add(f.name()));
                labels.write(JSON.writeValueAsString(label));
                labels.write('\n');
                if (progress != null && (i + 1) % 10_000 == 0) {
                    progress.accept(i + 1);
                }
            }
        }
    }

    private void listing(long i, ObjectNode l, Set<RedFlag> truth) {
        String category = CATEGORIES[r.nextInt(CATEGORIES.length)];
        String[] nouns = NOUNS.get(category);
        String noun = nouns[r.nextInt(nouns.length)];
        int seller = r.nextInt(sellers);
        String brand = null;
        String title;
        double units = 50 + r.nextInt(300);
        double negative = r.nextInt(13) / 100.0;
        Double price = null;
        int kind = r.nextInt(1000);
        String alias = null;
        if (kind < 600) {
            // ordinary goods, branded or not, at an ordinary price
            if (r.nextBoolean()) {
                brand = brands.get(r.nextInt(brands.size()));
                alias = alias(brand);
                price = genuine(brand, category) * (0.75 + r.nextDouble() * 0.7);
            } else {
                price = 20.0 + r.nextInt(500);
            }
            title = words(alias, noun);
        } else if (kind < 680) {
            title = LOOK_ALIKES[r.nextInt(LOOK_ALIKES.length)];
            if (r.nextInt(3) == 0 && !title.contains("replica") && !title.contains("fake")) {
                title = title + " " + aliases.get(brands.get(r.nextInt(brands.size()))).get(0);
            }
            price = 5.0 + r.nextInt(200);
        } else if (kind < 690) {
            brand = brands.get(r.nextInt(brands.size()));
            title = "OEM compatible " + noun + " for " + alias(brand) + " " + FILLER[r.nextInt(FILLER.length)];
            brand = null;
            price = 10.0 + r.nextInt(100);
        } else if (kind < 790) {
            String term = ALONE[r.nextInt(ALONE.length)];
            if (r.nextBoolean()) {
                brand = brands.get(r.nextInt(brands.size()));
                alias = alias(brand);
            }
            title = obfuscate(words(alias, term + " " + noun));
            truth.add(RedFlag.COUNTERFEIT_KEYWORD);
            price = brand == null ? 50.0 + r.nextInt(300) : genuine(brand, category) * (0.75 + r.nextDouble() * 0.5);
        } else if (kind < 860) {
            brand = brands.get(r.nextInt(brands.size()));
            alias = alias(brand);
            String term = WITH_BRAND[r.nextInt(WITH_BRAND.length)];
            while (category.equals("batteries") && term.equals("AAA")) {
                term = WITH_BRAND[r.nextInt(WITH_BRAND.length)]; // "AAA batteries" is what they are, not a claim
            }
            title = obfuscate(words(alias, term + " " + noun));
            truth.add(RedFlag.COUNTERFEIT_KEYWORD);
            price = genuine(brand, category) * (0.75 + r.nextDouble() * 0.5);
        } else if (kind < 920) {
            brand = brands.get(r.nextInt(brands.size()));
            alias = alias(brand);
            title = words(alias, noun);
            double g = genuine(brand, category);
            price = Math.floor(g * (r.nextInt(4) == 0 ? 0.65 + r.nextDouble() * 0.049 : 0.2 + r.nextDouble() * 0.45)
                    * 100) / 100;
            truth.add(RedFlag.PRICE_BELOW_GENUINE);
        } else if (kind < 950) {
            brand = brands.get(r.nextInt(brands.size()));
            alias = alias(brand);
            title = words(alias, noun);
            price = Math.ceil(genuine(brand, category) * (0.70 + r.nextDouble() * 0.04) * 100) / 100;
        } else if (kind < 960) {
            title = words(null, noun);
            price = 20.0 + r.nextInt(200);
            units = 200 * (25 + r.nextInt(16));
            negative = 0.3 + r.nextInt(30) / 100.0;
            truth.add(RedFlag.SALES_ANOMALY);
        } else if (kind < 970) {
            title = words(null, noun) + " bestseller";
            price = 20.0 + r.nextInt(200);
            units = 200 * (25 + r.nextInt(16));
            negative = r.nextInt(8) / 100.0;
        } else {
            title = words(null, noun);
            price = 20.0 + r.nextInt(200);
        }
        if (banned.contains(seller)) {
            truth.add(RedFlag.LINKED_TO_BANNED_SELLER);
        }
        if (ordered.contains(seller)) {
            truth.add(RedFlag.FOREIGN_ORDER);
        }
        l.put("id", "L" + i);
        l.put("sellerId", "S" + seller);
        l.put("title", title);
        if (r.nextInt(3) == 0) {
            l.put("description", r.nextBoolean() ? "Ships within 48 hours. 7-day returns." : "48小时内发货，支持七天无理由退货。");
        }
        if (brand != null) {
            l.put("brand", r.nextBoolean() ? brand : alias);
        }
        l.put("category", category);
        l.put("price", Math.round(price * 100) / 100.0);
        l.put("currency", "CNY");
        l.put("unitsSold", units);
        l.put("reviewCount", 10 + r.nextInt(500));
        l.put("negativeReviewRatio", negative);
    }

    /**
     * A dictionary extension of {@code entries} synthetic entries (brands with Latin and CJK aliases, and terms),
     * made of syllables and rare characters that occur in no generated listing: it grows the automaton without
     * changing what is found. Also writes the plain terms, one per line, for a literal-search baseline.
     */
    public static void writeDictionary(long seed, int entries, Path tsv, Path plainTerms) throws IOException {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        String[] syllables = {"ka", "zu", "mi", "ro", "te", "vo", "ly", "qi", "xa", "nu", "be", "do", "fe", "gi",
            "ho", "ju", "wa", "yo", "pe", "su"};
        try (BufferedWriter d = java.nio.file.Files.newBufferedWriter(tsv, StandardCharsets.UTF_8);
             BufferedWriter p = java.nio.file.Files.newBufferedWriter(plainTerms, StandardCharsets.UTF_8)) {
            d.write("# synthetic dictionary extension: " + entries + " entries, seed " + seed + "\n");
            for (CounterfeitDictionary.Entry e : CounterfeitDictionary.shipped().entries()) {
                p.write(e.term());
                p.write('\n');
            }
            for (int i = 0; i < entries; i++) {
                String term;
                if (r.nextInt(3) == 0) {
                    StringBuilder sb = new StringBuilder();
                    int n = 3 + r.nextInt(3);
                    for (int k = 0; k < n; k++) {
                        sb.append((char) (0x8C00 + r.nextInt(0x0600)));
                    }
                    term = sb.toString();
                } else {
                    StringBuilder sb = new StringBuilder("q");
                    int n = 3 + r.nextInt(3);
                    for (int k = 0; k < n; k++) {
                        sb.append(syllables[r.nextInt(syllables.length)]);
                    }
                    term = sb.toString();
                }
                int kind = r.nextInt(10);
                String line = kind < 6 ? "BRAND\t" + term + "\tSynthetic " + (i / 3) : kind < 8 ? "WITH_BRAND\t" + term
                        : kind < 9 ? "ALONE\t" + term : "NOT\t" + term;
                d.write(line);
                d.write('\n');
                p.write(term);
                p.write('\n');
            }
        }
    }

    private double genuine(String brand, String category) {
        return genuine.get(brand + "|" + category);
    }

    private String alias(String brand) {
        List<String> a = aliases.get(brand);
        return a.get(r.nextInt(a.size()));
    }

    private String words(String alias, String core) {
        StringBuilder sb = new StringBuilder();
        if (r.nextBoolean()) {
            sb.append(FILLER[r.nextInt(FILLER.length)]).append(' ');
        }
        if (alias != null) {
            sb.append(alias).append(' ');
        }
        sb.append(core);
        if (r.nextBoolean()) {
            sb.append(' ').append(FILLER[r.nextInt(FILLER.length)]);
        }
        String s = sb.toString();
        return r.nextInt(10) == 0 ? toTraditional.transliterate(s) : s;
    }

    /** One of the obfuscations the screen must see through, or none. */
    private String obfuscate(String s) {
        StringBuilder out = new StringBuilder();
        switch (r.nextInt(8)) {
            case 0 -> s.chars().forEach(c -> out.append(c > 0x20 && c < 0x7F ? (char) (c + 0xFEE0)
                    : c == ' ' ? '\u3000' : (char) c));
            case 1 -> out.append(s.toUpperCase(Locale.ROOT));
            case 2 -> s.chars().forEach(c -> {
                out.append((char) c);
                if (Character.isLetter(c) && r.nextInt(4) == 0) {
                    out.append('\u200B');
                }
            });
            case 3 -> s.chars().forEach(c -> out.append(switch (c) {
                case 'a' -> r.nextBoolean() ? 'а' : 'a';
                case 'e' -> r.nextBoolean() ? 'е' : 'e';
                case 'o' -> r.nextBoolean() ? 'о' : 'o';
                case 'c' -> r.nextBoolean() ? 'с' : 'c';
                default -> (char) c;
            }));
            case 4 -> s.chars().forEach(c -> out.append(switch (c) {
                case 'o' -> r.nextBoolean() ? '0' : 'o';
                case 'i' -> r.nextBoolean() ? '1' : 'i';
                case 'e' -> r.nextBoolean() ? '3' : 'e';
                default -> (char) c;
            }));
            case 5 -> {
                for (String w : s.split(" ")) {
                    out.append(w.length() <= 10 && r.nextInt(3) == 0 ? String.join(r.nextBoolean() ? "." : " ",
                            w.split("")) : w).append(' ');
                }
            }
            default -> out.append(s);
        }
        return out.toString().trim();
    }
}
