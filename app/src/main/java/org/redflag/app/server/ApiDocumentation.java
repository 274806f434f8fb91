package org.redflag.app.server;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.redflag.app.cli.Version;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /v3/api-docs} and Swagger UI say about the API as a whole: its name and version, how to
 * authenticate (HTTP Basic for people, {@code X-Api-Key} for machines; Swagger UI's "Authorize" takes either),
 * and how errors answer.
 */
@Configuration
public class ApiDocumentation {

    static final String BASIC = "basic";
    static final String API_KEY = "apiKey";

    @Bean
    OpenAPI redflagApi() {
        return new OpenAPI()
                .info(new Info().title("Redflag API").version(Version.version())
                        .description("Notice and takedown under the PRC E-Commerce Law, the EU Digital Services Act"
                                + " and the US DMCA: file and act on notices within their statutory clocks,"
                                + " counter-notices and appeals, red-flag screening of listings, repeat-infringer"
                                + " discipline, statements of reasons and court-ready evidence. Every error answers"
                                + " application/problem+json (RFC 9457) with the field at fault in `field`. People"
                                + " authenticate with HTTP Basic (a bcrypt check each request: slow by design);"
                                + " scripts with an API key in `X-Api-Key` (POST /api/accounts/me/api-keys issues"
                                + " one)."))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("username and password of a person's account"))
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key")
                                .description("a key from POST /api/accounts/me/api-keys")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }
}
