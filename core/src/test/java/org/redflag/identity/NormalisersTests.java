package org.redflag.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each normaliser on real-world formats. */
class NormalisersTests {

    @ParameterizedTest(name = "{0} ({1}) → {2}")
    @CsvSource(delimiter = '|', value = {
        "+86 138-0013-8000 | CN | +8613800138000",
        "0086 13800138000 | CN | +8613800138000",
        "13800138000 | CN | +8613800138000",
        "１３８ ００１３ ８０００ | CN | +8613800138000",
        "(202) 555-0143 | US | +12025550143",
        "+1 202.555.0143 | CN | +12025550143",
        "+44 20 7946 0958 | CN | +442079460958",
    })
    void phones_become_e164(String raw, String region, String e164) {
        assertThat(Normalisers.phone(raw, region)).hasValue(e164);
    }

    @Test
    void a_phone_that_cannot_be_a_number_is_no_identifier() {
        assertThat(Normalisers.phone("12", "CN")).isEmpty();
        assertThat(Normalisers.phone("call me", "CN")).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "J.Smith+shop@Gmail.com | jsmith@gmail.com",
        " jsmith@googlemail.com  | jsmith@gmail.com",
        "Seller.One+x@example.cn | seller.one@example.cn",
        "ＳＥＬＬＥＲ@ＱＱ.ＣＯＭ | seller@qq.com",
    })
    void emails_fold_case_tags_and_gmail_dots(String raw, String folded) {
        assertThat(Normalisers.email(raw)).hasValue(folded);
    }

    @Test
    void prc_resident_ids_need_a_valid_check_digit() {
        String first17 = "11010519491231002";
        char check = Normalisers.prcCheckDigit(first17);
        assertThat(check).isEqualTo('X');
        assertThat(Normalisers.identityDocument("110105 19491231 002x")).hasValue("CN-RIC:11010519491231002X");
        assertThat(Normalisers.identityDocument("１１０１０５１９４９１２３１００２Ｘ")).hasValue("CN-RIC:11010519491231002X");
        assertThat(Normalisers.identityDocument("110105194912310021")).as("wrong check digit").isEmpty();
        assertThat(Normalisers.identityDocument("e-123 456-78")).hasValue("E12345678");
    }

    @Test
    void devices_payments_addresses_and_names_fold() {
        assertThat(Normalisers.deviceId("{A1B2C3D4-E5F6-7890-ABCD-EF1234567890}"))
                .hasValue("a1b2c3d4e5f67890abcdef1234567890");
        assertThat(Normalisers.deviceId("a1:b2:c3:d4:e5:f6")).hasValue("a1b2c3d4e5f6");
        assertThat(Normalisers.paymentAccount("6222 0212-3456 7890")).hasValue("6222021234567890");
        assertThat(Normalisers.address("Room 5, No. 88,  Keji Road; Shenzhen")).hasValue("room 5 no 88 keji road shenzhen");
        assertThat(Normalisers.name("  Li   Wei ")).hasValue("li wei");
        assertThat(Normalisers.mask("+8613800138000")).isEqualTo("+8**********00");
    }
}
