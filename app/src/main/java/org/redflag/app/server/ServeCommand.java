package org.redflag.app.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.redflag.app.cli.DataDirectory;
import org.redflag.app.cli.ExitCode;
import org.redflag.app.problem.BadSetting;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redflag serve}: the notice-and-takedown server. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start the Redflag server: the REST API under /api (OpenAPI at /v3/api-docs, Swagger UI at"
                    + " /swagger-ui.html), health at /actuator/health and Prometheus metrics at /actuator/prometheus.",
            "",
            "By default it keeps its data in an embedded H2 database under --data, created and migrated on first"
                    + " run. Point it at PostgreSQL with --db-url (or REDFLAG_DB_URL, REDFLAG_DB_USER,"
                    + " REDFLAG_DB_PASSWORD). On first start with an empty database it creates an 'admin' account"
                    + " and prints its password once.",
        },
        footerHeading = "%nOther settings (environment variables):%n",
        footer = {
            "  REDFLAG_IDENTITY_REGION    region of phones without a country prefix (CN)",
            "  REDFLAG_IDENTITY_INDEX     memory (default): registration checks from a seller",
            "                             index loaded at start, about 60 bytes of heap per",
            "                             seller identifier; database: from the database",
            "                             alone, without the index in memory",
            "  REDFLAG_EXCHANGE_KEY       the key partner platforms share for fingerprints",
            "  REDFLAG_EXCHANGE_PLATFORM  this platform's name in the credit exchange",
            "  REDFLAG_LOGIN_MAX_FAILURES, REDFLAG_LOGIN_LOCKOUT",
            "                             wrong passwords that lock a username (10) and",
            "                             for how long after the last (15m)",
            "  REDFLAG_SCREENING_GENUINE_PRICES, REDFLAG_SCREENING_BANNED_SELLERS,",
            "  REDFLAG_SCREENING_FOREIGN_ORDERS, REDFLAG_SCREENING_DICTIONARY,",
            "  REDFLAG_SCREENING_CATEGORY_STATS",
            "                             files for screening listings as they arrive, in",
            "                             the formats of redflag screen's options (the",
            "                             category statistics: a starting point the",
            "                             listings stored and arriving add to)",
            "  REDFLAG_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES",
            "                             true: webhooks may go to this machine and private",
            "                             networks, over http too (false)",
            "  REDFLAG_WEBHOOKS_MAX_ATTEMPTS, REDFLAG_WEBHOOKS_KEEP",
            "                             tries before a delivery is given up (8), and how",
            "                             long finished deliveries are listed (30d)",
            "  REDFLAG_BACKUP_DIR, REDFLAG_BACKUP_EVERY, REDFLAG_BACKUP_KEEP",
            "                             a directory the server puts its own backups in",
            "                             (none), how often (1d), and how many it keeps (7)",
            "  REDFLAG_JAVA_OPTS          JVM options when started by ./redflag, e.g. -Xmx8g",
        })
public class ServeCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory for the embedded database"
            + " (default: $REDFLAG_HOME/data, else ./data).")
    protected Path data;

    @Option(names = "--db-url", paramLabel = "JDBC-URL", defaultValue = "${env:REDFLAG_DB_URL}",
            description = "PostgreSQL JDBC URL instead of the embedded database, e.g."
                    + " jdbc:postgresql://127.0.0.1:5432/redflag.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:REDFLAG_DB_USER}", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:REDFLAG_DB_PASSWORD}", description = "Database password.")
    String dbPassword;

    @Option(names = "--reset-password", paramLabel = "USERNAME", description = "Give the account a new random"
            + " password at start and print it once: for an admin who lost theirs (others' an admin sets with PUT"
            + " /api/accounts/{id}/password).")
    String resetPassword;

    @Option(names = "--policy", paramLabel = "ID|FILE", defaultValue = "CN", description = "The deployment's policy"
            + " pack: a shipped id (CN, EU, US) or a pack file; it is the default for notices and sets the screening"
            + " thresholds and the identity rules.")
    String policy;

    /** Extra properties set by subclasses (the demo). */
    protected Map<String, Object> extraProperties() {
        return Map.of();
    }

    protected void started(ConfigurableApplicationContext context, String url) {
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            spec.commandLine().getErr().println("redflag: --port: expected 0 to 65535; found " + port);
            return ExitCode.BAD_INPUT;
        }
        try {
            org.redflag.law.PolicyPacks.builtIn().resolve(policy);
        } catch (org.redflag.source.InvalidInputException e) {
            e.problems().forEach(p -> spec.commandLine().getErr().println("redflag: " + p));
            return ExitCode.BAD_INPUT;
        }
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", port);
        props.put("server.address", bind);
        props.put("redflag.policy", policy);
        String where;
        if (Files.exists(dataDirectory()) && !Files.isDirectory(dataDirectory())) {
            spec.commandLine().getErr().println("redflag: --data: " + dataDirectory() + " is a file; the data"
                    + " directory holds the database and the evidence ledger");
            return ExitCode.BAD_INPUT;
        }
        Path evidence = dataDirectory().resolve("evidence").toAbsolutePath();
        String database = dbUrl;
        boolean embedded = false;
        props.put("redflag.evidence.dir", evidence.toString());
        if (dbUrl != null && !dbUrl.isBlank()) {
            if (!dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
                spec.commandLine().getErr().println("redflag: --db-url: expected a jdbc:postgresql: (or jdbc:h2:) URL;"
                        + " found " + dbUrl);
                return ExitCode.BAD_INPUT;
            }
            props.put("spring.datasource.url", dbUrl);
            props.put("spring.datasource.username", dbUser == null ? "" : dbUser);
            props.put("spring.datasource.password", dbPassword == null ? "" : dbPassword);
            where = "database " + dbUrl;
        } else {
            Path dir = dataDirectory();
            Files.createDirectories(dir);
            database = dir.toAbsolutePath().toString();
            embedded = true;
            // WRITE_DELAY=0: each commit is written to the file before the request is answered, so a notice
            // acknowledged is a notice kept, whatever stops the process (H2 otherwise writes up to a second later)
            props.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("redflag").toAbsolutePath()
                    + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=100;WRITE_DELAY=0");
            props.put("spring.datasource.username", "sa");
            props.put("spring.datasource.password", "");
            where = "embedded H2 database in " + dir.toAbsolutePath();
        }
        props.putAll(extraProperties());
        spec.commandLine().getOut().println("Redflag: starting with the " + where + "; evidence ledger in "
                + evidence);
        spec.commandLine().getOut().flush();

        SpringApplication app = new SpringApplication(RedflagServer.class);
        app.setDefaultProperties(props);
        ConfigurableApplicationContext context;
        try {
            context = app.run();
        } catch (RuntimeException e) {
            BadSetting bad = BadSetting.in(e);
            String problem = bad != null ? bad.getMessage() : StartupProblems.of(e, port, bind, database, embedded);
            if (problem == null) {
                throw e;
            }
            spec.commandLine().getErr().println("redflag: " + problem);
            spec.commandLine().getErr().flush();
            return ExitCode.BAD_INPUT;
        }
        String host = bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
        String url = "http://" + host + ":" + context.getEnvironment().getProperty("local.server.port");
        FirstAdmin.ensure(context, spec.commandLine().getOut());
        if (resetPassword != null && !FirstAdmin.reset(context, resetPassword, spec.commandLine().getOut())) {
            spec.commandLine().getErr().println("redflag: --reset-password: no account " + resetPassword
                    + "; nothing was changed");
            spec.commandLine().getErr().flush();
            context.close();
            return ExitCode.BAD_INPUT;
        }
        spec.commandLine().getOut().println("Redflag: serving at " + url + " (API docs " + url + "/swagger-ui.html)");
        started(context, url);
        spec.commandLine().getOut().flush();
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(e -> {
            if (e instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        closed.await();
        return ExitCode.OK;
    }

    protected Path dataDirectory() {
        return DataDirectory.orDefault(data);
    }
}
