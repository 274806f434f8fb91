package org.redflag.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.redflag.app.account.Accounts;
import org.redflag.app.account.Role;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real server for integration tests: Spring Boot on a random loopback port, over an H2 file database or a fresh
 * PostgreSQL database, spoken to over HTTP. With {@code CI=true} a missing PostgreSQL fails the test.
 */
public final class TestServer implements AutoCloseable {

    public enum Db { H2, POSTGRES }

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConfigurableApplicationContext context;
    public final String url;

    private TestServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** The JDBC URL of a database for one test class: a file under {@code dir}, or a new PostgreSQL database. */
    public static String database(Db db, Path dir) {
        if (db == Db.H2) {
            return "jdbc:h2:file:" + dir.resolve("redflag").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        String admin = System.getenv().getOrDefault("REDFLAG_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getenv().getOrDefault("REDFLAG_TEST_PG_USER", "postgres");
        String name = "redflag_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(admin, user, System.getenv("REDFLAG_TEST_PG_PASSWORD"))) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and PostgreSQL is not reachable at " + admin + " as " + user
                        + ": " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + admin + " (" + e.getMessage() + ")");
        }
        return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
    }

    public static TestServer start(Db db, String jdbcUrl, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", 0);
        props.put("server.address", "127.0.0.1");
        props.put("spring.datasource.url", jdbcUrl);
        props.put("spring.datasource.username", db == Db.H2 ? "sa"
                : System.getenv().getOrDefault("REDFLAG_TEST_PG_USER", "postgres"));
        props.put("spring.datasource.password", db == Db.H2 ? ""
                : System.getenv().getOrDefault("REDFLAG_TEST_PG_PASSWORD", ""));
        props.put("db-scheduler.polling-interval", "200ms");
        props.put("logging.level.root", "WARN");
        props.put("redflag.evidence.dir", Path.of(System.getProperty("java.io.tmpdir"), "redflag-evidence-"
                + Integer.toHexString(jdbcUrl.hashCode())).toString());
        props.putAll(extra);
        SpringApplication app = new SpringApplication(RedflagServer.class);
        app.setDefaultProperties(props);
        return new TestServer(app.run());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The bean of {@code type}, if the server made one. */
    public <T> java.util.Optional<T> beanIfAny(Class<T> type) {
        return java.util.Optional.ofNullable(context.getBeanProvider(type).getIfAvailable());
    }

    public ServerClock clock() {
        return bean(ServerClock.class);
    }

    /** Creates an account and returns an API key for it. */
    public Client account(String username, Role role) {
        var a = bean(Accounts.class).create(username, "password-of-" + username, role, username);
        return new Client(this, a.id(), bean(Accounts.class).issueApiKey(a.id(), "test"), null);
    }

    @Override
    public void close() {
        context.close();
    }

    /** One account's HTTP client. */
    public record Client(TestServer server, long id, String apiKey, String basic) {

        public Client withBasic(String username, String password) {
            return new Client(server, id, null, Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }

        public Response get(String path) {
            return send(request(path).GET());
        }

        public Response post(String path, Object body) {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        public Response post(String path, Object body, String header, String value) {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(request(path).header("Content-Type", "application/json").header(header, value)
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        public Response put(String path, Object body) {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(request(path).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)));
        }

        public Response delete(String path) {
            return send(request(path).DELETE());
        }

        public Response postRaw(String path, String contentType, byte[] body) {
            return send(request(path).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        public HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url + path))
                    .timeout(Duration.ofSeconds(30));
            if (apiKey != null) {
                b.header("X-Api-Key", apiKey);
            }
            if (basic != null) {
                b.header("Authorization", "Basic " + basic);
            }
            return b;
        }

        public Response send(HttpRequest.Builder b) {
            try {
                HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                        r.headers());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public Response expect(int code) {
            assertThat(status).as("HTTP status; body: %s", body).isEqualTo(code);
            return this;
        }

        public String text(String field) {
            return json().get(field).asString();
        }
    }
}
