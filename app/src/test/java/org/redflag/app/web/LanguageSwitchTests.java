package org.redflag.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** The link to the same page in the other language. */
class LanguageSwitchTests {

    @ParameterizedTest(name = "{0} {1}?{2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "GET|/screening|flag=COUNTERFEIT_KEYWORD&page=1|/screening?flag=COUNTERFEIT_KEYWORD&page=1&lang=zh",
        "GET|/screening|flag=A&lang=en&page=2|/screening?flag=A&page=2&lang=zh",
        "GET|/notices/4|null|/notices/4?lang=zh",
        "GET|/notices|q=%E9%AB%98%E4%BB%BF|/notices?q=%E9%AB%98%E4%BB%BF&lang=zh",
        "GET|/notices|q=%ZZ|/notices?lang=zh",
        "GET|/notices|q=<script>|/notices?lang=zh",
        "POST|/notices/4/act|null|/notices/4/act?lang=zh",
        "POST|/notices/new|x=1|/notices/new?lang=zh",
        "GET|//evil.example/x|a=1|/evil.example/x?a=1&lang=zh"})
    void keeps_the_page_and_its_query_and_sets_the_language(String method, String uri, String query,
                                                              String expected) {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("nav.languageCode", Locale.ENGLISH, "zh");
        WebModel model = new WebModel(null, java.time.Clock.systemUTC(), messages);
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setQueryString(query);
        assertThat(model.languageSwitch(request, Locale.ENGLISH)).isEqualTo(expected);
    }
}
