package org.redflag.app.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.redflag.app.problem.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * People log in with a username and password (HTTP Basic for the API), machines send an API key in
 * {@code X-Api-Key}. The API is stateless; health, metrics and the API documentation are open.
 */
@Configuration
public class SecurityConfiguration {

    public static final String API_KEY_HEADER = "X-Api-Key";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(Accounts accounts) {
        return username -> accounts.byUsername(username)
                .filter(a -> a.passwordHash() != null)
                .map(a -> User.withUsername(a.username()).password(a.passwordHash())
                        .authorities("ROLE_" + a.role().name()).disabled(a.disabled()).build())
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    /** The web UI: form login, sessions, CSRF on every form, strict security headers (no inline script). */
    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain web(HttpSecurity http, Problems problems, LoginThrottle throttle) throws Exception {
        http.securityMatcher("/**")
                .addFilterBefore(new LoginThrottle.Filter(throttle, problems), org.springframework.security.web
                        .authentication.UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // the second dispatch of a streamed answer: the request was authorised when it began
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; script-src 'self';"
                                + " style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
                                + " form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(org.springframework.security.web.header.writers
                                .ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain api(HttpSecurity http, Accounts accounts, Problems problems, LoginThrottle throttle)
            throws Exception {
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        // the second dispatch of a streamed answer: the request was authorised when it began
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                                "/actuator/info", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint((req, res, ex) ->
                        problems.write(res, HttpStatus.UNAUTHORIZED, "Authentication required",
                                "log in with HTTP Basic or send an API key in " + API_KEY_HEADER, null)))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(res, HttpStatus.UNAUTHORIZED,
                                "Authentication required",
                                "log in with HTTP Basic or send an API key in " + API_KEY_HEADER, null))
                        .accessDeniedHandler((req, res, ex) -> problems.write(res, HttpStatus.FORBIDDEN,
                                "Forbidden", "your role may not do this", null)))
                .addFilterBefore(new ApiKeyFilter(accounts, problems), BasicAuthenticationFilter.class)
                .addFilterBefore(new LoginThrottle.Filter(throttle, problems), BasicAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Spring Security's own observations are off: they time every filter of the chain for every request, 3 % of the
     * server's processor time when filing under load, for metrics no one reads. Each request is still timed as a
     * whole ({@code http_server_requests_seconds} in {@code /actuator/prometheus}), and refusals are still logged.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * A request the firewall refuses (an encoded dot segment, a backslash, a null byte in the path...) answers 400
     * with a problem body like every other bad request, not the servlet container's error page.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejected(Problems problems) {
        return (req, res, e) -> problems.write(res, HttpStatus.BAD_REQUEST, "Invalid request",
                "the request was refused: " + e.getMessage(), null);
    }

    /** Authenticates a request that carries an API key; a wrong key is refused outright. */
    static final class ApiKeyFilter extends OncePerRequestFilter {
        private final Accounts accounts;
        private final Problems problems;

        ApiKeyFilter(Accounts accounts, Problems problems) {
            this.accounts = accounts;
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                throws ServletException, IOException {
            String key = req.getHeader(API_KEY_HEADER);
            if (key != null) {
                var account = key.length() > 200 ? java.util.Optional.<Accounts.Account>empty() : accounts.byApiKey(key);
                if (account.isEmpty()) {
                    problems.write(res, HttpStatus.UNAUTHORIZED, "Authentication failed",
                            "the API key in " + API_KEY_HEADER + " is not valid", null);
                    return;
                }
                var a = account.get();
                var auth = new UsernamePasswordAuthenticationToken(a.actor(), null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + a.role().name())));
                SecurityContextHolder.getContext().setAuthentication(auth);
            }
            chain.doFilter(req, res);
        }
    }
}
