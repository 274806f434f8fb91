package org.redflag.app.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** English or Chinese, switched with {@code ?lang=zh} or {@code ?lang=en} and remembered in a cookie. */
@Configuration
public class WebConfig implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver(org.redflag.app.account.Accounts accounts) {
        CookieLocaleResolver cookie = new CookieLocaleResolver("redflag-lang");
        cookie.setDefaultLocale(null);
        cookie.setCookieMaxAge(Duration.ofDays(365));
        return new PersonLocaleResolver(cookie, accounts);
    }

    /**
     * The language a person chose, remembered with their account (so it follows them to any browser) and in a
     * cookie (so the login page speaks it too); English until they choose.
     */
    static final class PersonLocaleResolver implements LocaleResolver {
        private final CookieLocaleResolver cookie;
        private final org.redflag.app.account.Accounts accounts;

        PersonLocaleResolver(CookieLocaleResolver cookie, org.redflag.app.account.Accounts accounts) {
            this.cookie = cookie;
            this.accounts = accounts;
        }

        @Override
        public Locale resolveLocale(jakarta.servlet.http.HttpServletRequest request) {
            String user = user();
            if (user != null) {
                var chosen = accounts.language(user);
                if (chosen.isPresent()) {
                    return Locale.forLanguageTag(chosen.get());
                }
            }
            Locale fromCookie = cookie.resolveLocale(request);
            return fromCookie == null || fromCookie.getLanguage().isEmpty() ? Locale.ENGLISH : fromCookie;
        }

        @Override
        public void setLocale(jakarta.servlet.http.HttpServletRequest request,
                              jakarta.servlet.http.HttpServletResponse response, Locale locale) {
            Locale l = locale != null && locale.getLanguage().equals("zh") ? Locale.CHINESE : Locale.ENGLISH;
            cookie.setLocale(request, response, l);
            String user = user();
            if (user != null) {
                accounts.setLanguage(user, l.getLanguage());
            }
        }

        private static String user() {
            var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                    .getAuthentication();
            if (auth == null || !auth.isAuthenticated()
                    || auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
                return null;
            }
            return auth.getPrincipal() instanceof org.redflag.app.account.Actor a ? a.username() : auth.getName();
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor i = new LocaleChangeInterceptor();
        i.setParamName("lang");
        i.setIgnoreInvalidLocale(true);
        registry.addInterceptor(i);
    }
}
