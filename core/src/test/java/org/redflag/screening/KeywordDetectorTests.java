package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Counterfeit terms through every supported obfuscation, and legitimate look-alikes that must stay clean. */
class KeywordDetectorTests {

    static final CounterfeitDictionary DICTIONARY = CounterfeitDictionary.shipped();

    static KeywordDetector.Result detect(String text, String brand) {
        return new KeywordDetector(DICTIONARY).detect(text, brand);
    }

    static List<String> terms(String text, String brand) {
        return detect(text, brand).hits().stream().map(h -> h.entry().term()).toList();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "High Imitation handbag | high imitation",
        "ＨＩＧＨ　ＩＭＩＴＡＴＩＯＮ handbag | high imitation",
        "hіgh іmіtatіon bag | high imitation",
        "h1gh 1m1tat10n bag | high imitation",
        "h.i.g.h i.m.i.t.a.t.i.o.n | high imitation",
        "hi\u200Bgh imi\u200Btation | high imitation",
        "高仿 手表 | 高仿",
        "高-仿手表 | 高仿",
        "高 仿 手表 | 高仿",
        "精仿包包 | 精仿",
        "超A货 耐克 | 超a",
        "sup3r f4ke sneakers | super fake",
        "ＳＵＰＥＲ ＦＡＫＥ | super fake",
    })
    void unambiguous_terms_are_found_through_obfuscation(String text, String term) {
        assertThat(terms(text, null)).contains(term);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "LV replica bag | replica",
        "Louis Vuitton r e p l i c a | replica",
        "路易威登 复刻 手袋 | 复刻",
        "路易威登 復刻 手袋 | 复刻",
        "Gucci 1:1 belt | 1:1",
        "古驰 一比一 腰带 | 一比一",
        "Rolex AAA watch | aaa",
        "Nike OEM shoes | oem",
        "Chanel mirror quality | mirror quality",
        "香奈兒 原單 | 原单",
    })
    void ambiguous_terms_count_beside_a_brand(String text, String term) {
        assertThat(terms(text, null)).contains(term);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"replica bag", "1:1 copy of a famous bag", "AAA quality watch", "OEM shoes",
        "mirror quality handbag", "复刻 手袋", "原单 女包"})
    void ambiguous_terms_without_a_brand_stay_clean(String text) {
        assertThat(terms(text, null)).isEmpty();
    }

    @Test
    void a_declared_brand_counts_as_a_brand_in_the_listing() {
        assertThat(terms("replica bag", "Gucci")).containsExactly("replica");
        assertThat(terms("replica bag", "古驰")).containsExactly("replica");
        assertThat(terms("replica bag", "Unknown Maker")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "AAA batteries 4 pack for Apple remote | ",
        "Samsung AAA battery | ",
        "1:1 scale model of a Rolex watch display | ",
        "imitation pearls necklace, Chanel style | ",
        "faux leather jacket like Gucci | ",
        "高仿真 人造花 | ",
        "高仿真花 婚礼 | ",
        "原单价 10 元 耐克 | ",
        "Eiffel tower souvenir replica | ",
        "replica of the Eiffel Tower, Apple red | ",
        "OEM compatible filter for Dyson V11 | ",
        "兼容 戴森 OEM 滤网 | ",
        "replacement for Dyson V8 battery, OEM grade | ",
        "Nike anti-counterfeit label | ",
        "Apple copy paper A4 | ",
        "Poem book | ",
        "thigh imitation leather pants | ",
        "iPhone 11 case for Apple | ",
    })
    void legitimate_uses_stay_clean(String text, String ignored) {
        assertThat(terms(text, null)).as(text).isEmpty();
    }

    @Test
    void the_evidence_shows_the_original_span_and_the_folded_form() {
        String text = "Great ＨＩＧＨ　ＩＭＩＴＡＴＩＯＮ bag";
        KeywordDetector.Hit hit = detect(text, null).hits().get(0);
        assertThat(hit.original()).isEqualTo("ＨＩＧＨ　ＩＭＩＴＡＴＩＯＮ");
        assertThat(text.substring(hit.start(), hit.end())).isEqualTo(hit.original());
        assertThat(hit.folded()).isEqualTo("high imitation");
        assertThat(hit.entry().source()).startsWith("dictionary.tsv:");
    }

    /** The obfuscations a seller can apply, each a function of the text and a random source. */
    enum Obfuscation {
        FULL_WIDTH, UPPER, ZERO_WIDTH, TRADITIONAL, CYRILLIC, LEET, SPACED;

        String apply(String s, Random r) {
            StringBuilder out = new StringBuilder();
            switch (this) {
                case FULL_WIDTH -> s.chars().forEach(c -> out.append(c > 0x20 && c < 0x7F ? (char) (c + 0xFEE0)
                        : c == ' ' ? '\u3000' : (char) c));
                case UPPER -> out.append(s.toUpperCase(java.util.Locale.ROOT));
                case ZERO_WIDTH -> s.chars().forEach(c -> {
                    out.append((char) c);
                    if (Character.isLetter(c) && r.nextInt(3) == 0) {
                        out.append('\u200B');
                    }
                });
                case TRADITIONAL -> out.append(s.replace("单", "單").replace("刻", "刻").replace("仿", "仿")
                        .replace("货", "貨").replace("驰", "馳"));
                case CYRILLIC -> s.chars().forEach(c -> out.append(switch (c) {
                    case 'a' -> r.nextBoolean() ? 'а' : 'a';
                    case 'e' -> r.nextBoolean() ? 'е' : 'e';
                    case 'o' -> r.nextBoolean() ? 'о' : 'o';
                    case 'p' -> r.nextBoolean() ? 'р' : 'p';
                    case 'c' -> r.nextBoolean() ? 'с' : 'c';
                    default -> (char) c;
                }));
                case LEET -> s.chars().forEach(c -> out.append(switch (c) {
                    case 'o' -> r.nextBoolean() ? '0' : 'o';
                    case 'i' -> r.nextBoolean() ? '1' : 'i';
                    case 'e' -> r.nextBoolean() ? '3' : 'e';
                    case 'a' -> r.nextBoolean() ? '@' : 'a';
                    default -> (char) c;
                }));
                case SPACED -> {
                    for (String word : s.split(" ")) {
                        if (word.length() <= 12 && r.nextInt(3) == 0 && word.chars().allMatch(Character::isLetter)) {
                            out.append(String.join(r.nextBoolean() ? " " : ".", word.split(""))).append(' ');
                        } else {
                            out.append(word).append(' ');
                        }
                    }
                }
            }
            return out.toString();
        }
    }

    static final String[] FLAGGED = {"high imitation handbag", "super fake sneakers", "高仿 名牌手表", "gucci replica belt",
        "louis vuitton 1:1 bag", "rolex aaa watch", "chanel mirror quality", "路易威登 复刻 手袋", "耐克 原单 球鞋",
        "古驰 a货 腰带"};
    static final String[] CLEAN = {"aaa batteries for apple remote", "1:1 scale model car", "imitation pearls",
        "faux leather jacket", "高仿真 人造花", "原单价 十 元", "eiffel tower souvenir replica", "poem book",
        "compatible filter for dyson oem", "leather wallet", "silk scarf 真丝围巾"};

    static LongStream seeds() {
        long base = Long.getLong("redflag.seed", 1L);
        return LongStream.range(base, base + 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void any_obfuscation_keeps_a_flagged_listing_flagged_and_a_clean_one_clean(long seed) {
        Random r = new Random(seed);
        Obfuscation o = Obfuscation.values()[r.nextInt(Obfuscation.values().length)];
        String flagged = FLAGGED[r.nextInt(FLAGGED.length)];
        String clean = CLEAN[r.nextInt(CLEAN.length)];
        String f = o.apply(flagged, r);
        String c = o.apply(clean, r);
        assertThat(terms(f, null)).as("seed %d: %s(%s) = %s", seed, o, flagged, f).isNotEmpty();
        assertThat(terms(c, null)).as("seed %d: %s(%s) = %s", seed, o, clean, c).isEmpty();
    }

    @Test
    void a_text_naming_only_brands_or_legitimate_phrases_gives_the_brands_and_no_hit() {
        KeywordDetector.Result brandsOnly = detect("古驰 earbuds, Louis Vuitton style", null);
        assertThat(brandsOnly.hits()).isEmpty();
        assertThat(brandsOnly.brands()).containsExactly("Gucci", "Louis Vuitton");
        assertThat(brandsOnly.suppressed()).isFalse();
        KeywordDetector.Result declared = detect("AAA batteries, pack of 8", "Gucci");
        assertThat(declared.hits()).as("a legitimate phrase, no term").isEmpty();
        assertThat(declared.brands()).containsExactly("Gucci");
        KeywordDetector.Result phraseOnly = detect("AAA batteries, pack of 8", null);
        assertThat(phraseOnly.hits()).isEmpty();
        assertThat(phraseOnly.brands()).isEmpty();
        KeywordDetector.Result term = detect("古驰 replica earbuds", null);
        assertThat(term.hits()).extracting(h -> h.entry().term()).containsExactly("replica");
        assertThat(term.brands()).containsExactly("Gucci");
    }
}
