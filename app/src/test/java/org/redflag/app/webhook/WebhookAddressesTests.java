package org.redflag.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redflag.app.problem.ApiException;

/** Where a webhook may point: public HTTPS addresses, unless the deployment allows its own network. */
class WebhookAddressesTests {

    private final WebhookAddresses strict = new WebhookAddresses(false);
    private final WebhookAddresses open = new WebhookAddresses(true);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "' '|required",
        "not a url at all|not a URL",
        "ftp://files.example/hook|expected an https:// URL; found ftp://",
        "http://hooks.example/hook|expected an https:// URL; found http://",
        "hooks.example/hook|found no scheme",
        "https://user:secret@hooks.example/hook|without a user",
        "https://127.0.0.1/hook|is this machine",
        "https://localhost:8443/hook|is this machine",
        "https://[::1]/hook|is this machine",
        "https://169.254.169.254/latest/meta-data|link-local",
        "https://10.1.2.3/hook|a private network's address",
        "https://192.168.0.10/hook|a private network's address",
        "https://[fd00::1]/hook|a private network's address",
    })
    void a_url_that_is_not_a_public_https_address_is_refused_naming_the_field(String url, String said) {
        assertThatThrownBy(() -> strict.registrable(url)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getMessage()).contains(said);
            assertThat(e.field()).isEqualTo("url");
        });
    }

    @Test
    void a_url_longer_than_the_column_is_refused_with_its_length() {
        String url = "https://hooks.example/" + "a".repeat(WebhookAddresses.MAX_URL);
        assertThatThrownBy(() -> strict.registrable(url)).hasMessageContaining("at most 2000 characters")
                .hasMessageContaining(Integer.toString(url.length()));
    }

    @Test
    void public_https_urls_are_taken_and_a_deployment_may_allow_its_own_network() {
        assertThat(strict.registrable("https://hooks.brand.example/redflag?k=1").getHost())
                .isEqualTo("hooks.brand.example");
        assertThat(open.registrable("http://127.0.0.1:9000/hook").getPort()).isEqualTo(9000);
        assertThat(open.registrable("https://10.1.2.3/hook").getHost()).isEqualTo("10.1.2.3");
    }

    @Test
    void before_each_delivery_the_host_is_resolved_and_a_name_for_this_machine_is_refused() {
        assertThat(strict.refusal("localhost")).contains("resolves to", "this machine");
        assertThat(strict.refusal("no-such-host.invalid")).contains("cannot be resolved");
        assertThat(open.refusal("localhost")).isNull();
    }
}
