package org.redflag.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.redflag.app.cli.ExitCode;

/**
 * The README's first command, as a stranger runs it: the {@code ./redflag} launcher at the repository root starts
 * the packaged jar in its own process and prints the summary table of the bundled examples.
 */
class LauncherIT {

    record Result(int code, String out, String err) {
    }

    static Result launch(String... args) throws IOException, InterruptedException {
        return launch(java.util.Map.of(), args);
    }

    /** Runs the repository's own launcher. */
    static Result launch(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        return launchIn(Path.of("..").toAbsolutePath().normalize(), env, args);
    }

    @Test
    void the_launcher_runs_the_packaged_jar_on_the_bundled_examples() throws Exception {
        Result r = launch("assess");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.err()).as("the jar is fresh, so the launcher does not rebuild").doesNotContain("building");
        assertThat(r.out()).contains("14 cases assessed; 14 of 14 with an expected outcome agree.");
        assertThat(Path.of("target/redflag/redflag.jar")).as("the launcher runs the jar extracted beside its"
                + " libraries").isRegularFile();
        assertThat(Path.of("target/redflag/lib")).isDirectory();
    }

    @Test
    void launchers_started_together_after_a_build_all_run_and_an_earlier_extraction_is_kept(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path jar = launcherBesideJar(dir);
        List<Process> together = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            together.add(new ProcessBuilder(dir.resolve("redflag").toString(), "assess").directory(dir.toFile())
                    .redirectErrorStream(true).start());
        }
        for (Process p : together) {
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("14 cases assessed");
        }
        Path first = dir.resolve("app/target/redflag").toRealPath();
        // a new build (here: the same jar with a new time) is extracted beside the one a running server may use
        jar.toFile().setLastModified(jar.toFile().lastModified() + 60_000);
        assertThat(run(dir).code()).isZero();
        Path second = dir.resolve("app/target/redflag").toRealPath();
        assertThat(second).isNotEqualTo(first);
        assertThat(first.resolve("redflag.jar")).as("the earlier extraction is left whole").isRegularFile();
        assertThat(first.resolve("lib")).isDirectory();
        assertThat(second.resolve("redflag.jar")).isRegularFile();
    }

    /** Screens a one-listing feed in {@code dir} through the launcher with these Java options; it must succeed. */
    private static Result screenOneListing(Path dir, String javaOptions) throws IOException, InterruptedException {
        Path feed = dir.resolve("feed.jsonl");
        java.nio.file.Files.writeString(feed, "{\"id\":\"L1\",\"title\":\"super fake rolex\"}\n");
        Result screen = launch(java.util.Map.of("REDFLAG_JAVA_OPTS", javaOptions), "screen", feed.toString(),
                "--no-progress");
        assertThat(screen.code()).as(screen.err()).isZero();
        assertThat(screen.out()).startsWith("{\"listingId\":\"L1\"");
        return screen;
    }

    @Test
    void a_command_of_a_current_extracted_build_does_not_wait_for_a_launcher_that_is_building(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        launcherBesideJar(dir);
        assertThat(run(dir).code()).as("the first run extracts the build").isZero();
        Path lock = dir.resolve("app/target/.launcher.lock");
        // another launcher building: it holds the lock (flock(1), as the launcher takes it) for a minute
        Process building = new ProcessBuilder("flock", lock.toString(), "sleep", "60").start();
        try {
            for (int i = 0; i < 100 && new ProcessBuilder("flock", "-n", lock.toString(), "true").start().waitFor()
                    == 0; i++) {
                Thread.sleep(50);
            }
            assertThat(new ProcessBuilder("flock", "-n", lock.toString(), "true").start().waitFor())
                    .as("the lock is held").isNotZero();
            Result r = run(dir);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("redflag ");
            assertThat(building.isAlive()).as("the command ran while the lock was held, without waiting for it")
                    .isTrue();
        } finally {
            building.destroyForcibly();
        }
    }

    @Test
    void a_screen_opens_the_few_jars_it_runs_on_not_the_servers_hundred(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // the JDK's class path says which jar it opens, and when, with this property
        Result screen = screenOneListing(dir, "-Dsun.misc.URLClassPath.debug=true");
        List<String> opened = screen.err().lines().filter(l -> l.startsWith("Opening ")).toList();
        assertThat(opened).as("jars opened").anyMatch(l -> l.contains("picocli"))
                .anyMatch(l -> l.contains("redflag-core")).hasSizeLessThan(12);
        long jars = java.nio.file.Files.list(Path.of("target/redflag/lib")).count();
        assertThat(jars).as("the server's libraries beside them").isGreaterThan(50);
    }

    @Test
    void a_batch_command_records_its_class_archive_on_its_first_successful_run_and_starts_from_it_later(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        launcherBesideJar(dir);
        java.util.function.Supplier<List<String>> archives = () -> {
            try (var files = java.nio.file.Files.list(dir.resolve("app/target/redflag"))) {
                return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("classes.")).sorted()
                        .toList();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertThat(launchIn(dir, java.util.Map.of(), "assess", "--help").code()).isZero();
        assertThat(launchIn(dir, java.util.Map.of(), "assess", "no-such-case.json").code()).isEqualTo(2);
        assertThat(archives.get()).as("neither help nor a failed run records an archive").isEmpty();

        Result first = launchIn(dir, java.util.Map.of(), "assess");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).as("recording says nothing").isEmpty();
        assertThat(archives.get()).hasSize(1).allMatch(n -> n.startsWith("classes.assess.") && n.endsWith(".jsa"));

        java.util.Map<String, String> classes = java.util.Map.of("REDFLAG_JAVA_OPTS", "-Xlog:class+load:stderr");
        Result later = launchIn(dir, classes, "assess");
        assertThat(later.code()).isZero();
        assertThat(later.out()).isEqualTo(first.out());
        assertThat(later.err()).as("the application's classes come from the archive")
                .containsPattern("org\\.redflag\\.app\\.Redflag source: shared objects file \\(top\\)");
        assertThat(launchIn(dir, java.util.Map.of("REDFLAG_JAVA_OPTS", "-Xshare:off -Xlog:class+load:stderr"),
                "assess").err()).as("the user's choice wins").doesNotContain("shared objects file");

        // an archive that cannot serve (here: not an archive at all) is passed over in silence
        Path archive = dir.resolve("app/target/redflag").resolve(archives.get().get(0));
        archive.toFile().setWritable(true);
        java.nio.file.Files.write(archive, new byte[4096]);
        Result broken = launchIn(dir, java.util.Map.of(), "assess");
        assertThat(broken.code()).isZero();
        assertThat(broken.out()).isEqualTo(first.out());
        assertThat(broken.err()).isEmpty();
        assertThat(launchIn(dir, java.util.Map.of(), "policies").code()).isZero();
        assertThat(launchIn(dir, java.util.Map.of(), "assess", "--format=json").code()).isZero();
        assertThat(launchIn(dir, java.util.Map.of(), "assess", "--format", "text").code()).isZero();
        assertThat(archives.get()).as("one a command and set of options named, no half-written one left")
                .hasSize(3).noneMatch(n -> n.contains("partial"))
                .filteredOn(n -> n.startsWith("classes.assess.")).hasSize(2);
        assertThat(archives.get()).anyMatch(n -> n.startsWith("classes.policies."));
    }

    /**
     * The launcher beside a copy of the packaged jar, in a tree of its own under {@code dir} (no sources: nothing to
     * rebuild); returns the jar.
     */
    private static Path launcherBesideJar(Path dir) throws IOException {
        java.nio.file.Files.copy(Path.of("..", "redflag"), dir.resolve("redflag"));
        dir.resolve("redflag").toFile().setExecutable(true);
        Path jar = dir.resolve("app/target/redflag.jar");
        java.nio.file.Files.createDirectories(jar.getParent());
        java.nio.file.Files.copy(Path.of("target/redflag.jar"), jar);
        return jar;
    }

    /** Runs the launcher at {@code dir} there, its output and its errors read together. */
    private static Result launchIn(Path dir, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(dir.resolve("redflag").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        return run(builder);
    }

    /** Runs a process with nothing on its standard input; its output and its errors read together. */
    private static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process p = builder.start();
        p.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    @Test
    void the_launcher_rebuilds_for_a_changed_main_source_and_not_for_a_changed_test(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // a copy of the launcher in a tree of its own, with a build that only says it ran
        java.nio.file.Files.copy(Path.of("..", "redflag"), dir.resolve("redflag"));
        Path mvnw = dir.resolve("mvnw");
        java.nio.file.Files.writeString(mvnw, "#!/bin/sh\necho built\nexit 1\n");
        mvnw.toFile().setExecutable(true);
        dir.resolve("redflag").toFile().setExecutable(true);
        List<Path> files = List.of(dir.resolve("pom.xml"), dir.resolve("core/pom.xml"), dir.resolve("app/pom.xml"),
                dir.resolve("core/src/main/java/A.java"), dir.resolve("app/src/test/java/B.java"),
                dir.resolve("app/target/redflag.jar"));
        for (Path f : files) {
            java.nio.file.Files.createDirectories(f.getParent());
            java.nio.file.Files.writeString(f, "x");
            f.toFile().setLastModified(1_000_000_000_000L);
        }
        Path jar = dir.resolve("app/target/redflag.jar");
        jar.toFile().setLastModified(2_000_000_000_000L);
        dir.resolve("app/src/test/java/B.java").toFile().setLastModified(3_000_000_000_000L);
        assertThat(run(dir).err()).as("a test changed").doesNotContain("building");
        dir.resolve("core/src/main/java/A.java").toFile().setLastModified(3_000_000_000_000L);
        Result changed = run(dir);
        assertThat(changed.err()).as("a main source changed").contains("building the jar");
        assertThat(changed.code()).isEqualTo(1);
    }

    private static Result run(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(dir.resolve("redflag").toString(), "--version").directory(dir.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void batch_commands_run_with_the_throughput_collector_the_server_with_g1_promoting_early_and_the_user_decides()
            throws Exception {
        java.util.Map<String, String> log = java.util.Map.of("REDFLAG_JAVA_OPTS", "-Xlog:gc:stderr");
        assertThat(launch(log, "--version").err()).contains("Using Parallel");
        assertThat(launch(log, "screen", "--help").err()).contains("Using Parallel");
        assertThat(launch(log, "serve", "--help").err()).contains("Using G1");
        assertThat(launch(log, "demo", "--help").err()).contains("Using G1");
        // what survives two young collections goes to the old generation (H2's cached pages, copied at every pause)
        java.util.Map<String, String> flags = java.util.Map.of("REDFLAG_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        assertThat(launch(flags, "serve", "--help").out()).containsPattern("MaxTenuringThreshold\\s+=\\s+2\\s");
        assertThat(launch(flags, "screen", "--help").out()).containsPattern("MaxTenuringThreshold\\s+=\\s+15\\s");
        assertThat(launch(java.util.Map.of("REDFLAG_JAVA_OPTS", "-XX:+UseSerialGC -Xlog:gc:stderr"), "screen",
                "--help").err()).contains("Using Serial");
        var zgc = launch(java.util.Map.of("REDFLAG_JAVA_OPTS", "-XX:+UseZGC -Xlog:gc:stderr -XX:+PrintFlagsFinal"),
                "serve", "--help");
        assertThat(zgc.err()).contains("Using The Z Garbage Collector");
        assertThat(zgc.out()).containsPattern("MaxTenuringThreshold\\s+=\\s+15\\s");
    }

    @Test
    void a_screen_of_a_short_feed_file_runs_on_the_first_compiler_a_long_one_or_a_pipe_on_both_and_the_user_decides(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path small = dir.resolve("small.jsonl");
        java.nio.file.Files.writeString(small, "{}\n");
        Path large = dir.resolve("large.jsonl");
        try (var f = new java.io.RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(600L << 20); // sparse: 600 MB long, nothing written
        }
        java.util.Map<String, String> flags = java.util.Map.of("REDFLAG_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        assertThat(stopLevel(launch(flags, "screen", small.toString(), "--help"))).isEqualTo(1);
        assertThat(stopLevel(launch(flags, "screen", small.toString(), "--out", dir.resolve("new.jsonl").toString(),
                "--help"))).as("a file not there yet does not count").isEqualTo(1);
        assertThat(stopLevel(launch(flags, "screen", large.toString(), "--help"))).as("600 MB").isEqualTo(4);
        assertThat(stopLevel(launch(flags, "screen", "-", "--category-stats", small.toString(), "--help")))
                .as("standard input").isEqualTo(4);
        assertThat(stopLevel(launch(flags, "assess", small.toString(), "--help"))).as("not a screen").isEqualTo(4);
        assertThat(stopLevel(launch(java.util.Map.of("REDFLAG_JAVA_OPTS",
                "-XX:+PrintFlagsFinal -XX:TieredStopAtLevel=2"), "screen", small.toString(), "--help"))).isEqualTo(2);
    }

    /** The compilation tier a JVM stopped at, from its -XX:+PrintFlagsFinal table. */
    private static int stopLevel(Result r) {
        var m = java.util.regex.Pattern.compile("TieredStopAtLevel\\s+=\\s+(\\d)").matcher(r.out());
        assertThat(m.find()).as(r.out() + r.err()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void a_command_that_never_logs_never_sets_logging_up_and_whatever_logs_logs_warnings_on_standard_error(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes.txt");
        Result screen = screenOneListing(dir, "-Xlog:class+load:file=" + classes);
        List<String> loaded = java.nio.file.Files.readAllLines(classes);
        assertThat(loaded).anyMatch(line -> line.contains("org.redflag.screening.Screener "));
        assertThat(loaded).as("logging classes loaded").filteredOn(line -> line.contains("ch.qos.logback")
                || line.contains("org.slf4j.LoggerFactory")).isEmpty();
        // a program on the packaged jar's class path that logs, as a library would: warnings only, on stderr
        Path probe = dir.resolve("Probe.java");
        java.nio.file.Files.writeString(probe, """
                public class Probe {
                    public static void main(String[] args) {
                        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("some.library");
                        log.info("an information");
                        log.warn("a warning");
                        System.out.println("the output");
                    }
                }
                """);
        Path jar = Path.of("..", "app", "target", "redflag", "redflag.jar").toAbsolutePath().normalize();
        Result logged = run(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), probe.toString()));
        assertThat(logged.code()).as(logged.err()).isZero();
        assertThat(logged.out()).isEqualTo("the output\n");
        assertThat(logged.err()).contains("WARN  some.library - a warning").doesNotContain("an information");
    }

    @Test
    void a_reader_that_stops_reading_stops_the_screen_quietly(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(launch("generate", "--listings", "300000", "--seed", "4", "--out", gen.toString()).code())
                .isEqualTo(0);
        Path root = Path.of("..").toAbsolutePath().normalize();
        Process p = new ProcessBuilder(root.resolve("redflag").toString(), "screen",
                gen.resolve("listings.jsonl").toString(), "--no-progress").directory(root.toFile()).start();
        p.getOutputStream().close();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).startsWith("{\"listingId\":");
        out.close(); // as `| head -1` does
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(err, StandardCharsets.UTF_8)).isEqualTo(ExitCode.CLOSED_PIPE);
        assertThat(new String(err, StandardCharsets.UTF_8)).doesNotContain("error").doesNotContain("Exception");
    }

    @Test
    void the_packaged_jar_exits_2_on_bad_input_without_a_stack_trace() throws Exception {
        Result r = launch("assess", "no-such-file.json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such file or directory").doesNotContain("Exception");
    }

    @Test
    void serve_refuses_an_unknown_policy_pack_before_starting() throws Exception {
        Result r = launch("serve", "--policy", "no-such-pack.yaml", "--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--policy", "no shipped pack has this id").doesNotContain("Exception")
                .doesNotContain("serving at");
    }

    @Test
    void serve_says_in_one_line_what_stops_it_starting_and_exits_2(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String pg = System.getenv().getOrDefault("REDFLAG_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String pgUser = System.getenv().getOrDefault("REDFLAG_TEST_PG_USER", "postgres");
        String pgPassword = System.getenv().getOrDefault("REDFLAG_TEST_PG_PASSWORD", "");
        String base = pg.substring(0, pg.lastIndexOf('/') + 1);
        int closedPort;
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort(); // free again once closed: nothing listens there
        }
        java.util.Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("--db-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/redflag", "--db-user", pgUser),
                "--db-url: cannot connect to jdbc:postgresql://127.0.0.1:" + closedPort + "/redflag");
        cases.put(List.of("--db-url", base + "redflag_no_such_database", "--db-user", pgUser, "--db-password",
                pgPassword), "--db-url: database \"redflag_no_such_database\" does not exist");
        cases.put(List.of("--db-url", pg, "--db-user", "redflag_no_such_role"),
                "--db-user/--db-password: " + pg + " refused the login");
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            cases.put(List.of("--port", String.valueOf(port)), "--port: 127.0.0.1:" + port + " is already in use");
            for (var c : cases.entrySet()) {
                List<String> args = new java.util.ArrayList<>(List.of("serve", "--data", dir.resolve("d").toString()));
                if (!c.getKey().contains("--port")) {
                    args.addAll(List.of("--port", "0"));
                }
                args.addAll(c.getKey());
                Result r = launch(args.toArray(String[]::new));
                assertThat(r.code()).as(c.getKey() + ": " + r.err()).isEqualTo(2);
                assertThat(r.err()).as(c.getKey().toString()).contains("redflag: " + c.getValue())
                        .doesNotContain("internal error");
                assertThat(r.out() + r.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("serving at");
            }
        }

        // a second server on the data directory of a running one
        Path data = dir.resolve("shared");
        Path root = Path.of("..").toAbsolutePath().normalize();
        Process first = new ProcessBuilder(root.resolve("redflag").toString(), "serve", "--port", "0", "--data",
                data.toString()).directory(root.toFile()).redirectErrorStream(true).start();
        try {
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = lines.readLine();
            while (line != null && !line.contains("serving at")) {
                line = lines.readLine();
            }
            assertThat(line).as("the first server starts").isNotNull();
            Result second = launch("serve", "--port", "0", "--data", data.toString());
            assertThat(second.code()).as(second.err()).isEqualTo(2);
            assertThat(second.err()).contains("redflag: --data: the database in " + data.toAbsolutePath()
                    + " is in use by another program");
            assertThat(second.out()).doesNotContain("\tat ");
        } finally {
            first.destroy();
            first.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A server started through the launcher on {@code data}; its URL and the first start's admin password. */
    private record Started(Process process, String url, String password) {
    }

    private static Started serve(Path data, String... more) throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("redflag").toString(), "serve",
                "--port", "0", "--data", data.toString()));
        command.addAll(List.of(more));
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8));
        String password = null;
        String line = lines.readLine();
        while (line != null && !line.contains("serving at")) {
            var m = java.util.regex.Pattern.compile("(created account 'admin' with password|has the new password)"
                    + " (\\S+)").matcher(line);
            if (m.find()) {
                password = m.group(2);
            }
            line = lines.readLine();
        }
        assertThat(line).as("the server starts").isNotNull();
        var url = java.util.regex.Pattern.compile("serving at (http://\\S+)").matcher(line);
        assertThat(url.find()).isTrue();
        Thread drain = new Thread(() -> lines.lines().forEach(l -> { })); // keep its output flowing
        drain.setDaemon(true);
        drain.start();
        return new Started(p, url.group(1), password);
    }

    private static java.net.http.HttpResponse<String> call(String method, String url, String user, String password,
                                                           String json) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":"
                        + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        return java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_admin_who_lost_the_password_starts_the_server_once_with_reset_password(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Started first = serve(data);
        first.process().destroy();
        first.process().waitFor(30, TimeUnit.SECONDS);
        Result unknown = launch("serve", "--port", "0", "--data", data.toString(), "--reset-password", "nobody");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("redflag: --reset-password: no account nobody; nothing was changed");
        Started reset = serve(data, "--reset-password", "admin");
        try {
            assertThat(reset.password()).isNotNull().isNotEqualTo(first.password());
            assertThat(call("GET", reset.url() + "/api/accounts/me", "admin", reset.password(), null).statusCode())
                    .isEqualTo(200);
            assertThat(call("GET", reset.url() + "/api/accounts/me", "admin", first.password(), null).statusCode())
                    .isEqualTo(401);
        } finally {
            reset.process().destroy();
            reset.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_server_killed_after_capturing_evidence_starts_again_with_its_ledger_whole(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Started first = serve(data);
        String admin = first.password();
        long notice;
        try {
            assertThat(call("POST", first.url() + "/api/accounts", "admin", admin, "{\"username\":\"brand\","
                    + "\"password\":\"brand-password-1\",\"role\":\"RIGHTS_HOLDER\",\"displayName\":\"Brand\"}")
                    .statusCode()).isEqualTo(201);
            assertThat(call("POST", first.url() + "/api/listings", "admin", admin,
                    "{\"id\":\"killed-1\",\"title\":\"bag\"}").statusCode()).isEqualTo(201);
            var filed = call("POST", first.url() + "/api/notices", "brand", "brand-password-1", "{\"right\":{\"type\":"
                    + "\"TRADEMARK\",\"reference\":\"TM 1\"},\"listings\":[\"killed-1\"],\"reasonCode\":"
                    + "\"COUNTERFEIT\",\"elements\":{\"rightsHolderIdentity\":true,\"proofOfRights\":true,"
                    + "\"listingLocation\":true,\"infringementEvidence\":true,\"goodFaithStatement\":true}}");
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
            notice = tools.jackson.databind.json.JsonMapper.shared().readTree(filed.body()).get("id").asLong();
        } finally {
            first.process().destroyForcibly(); // as a crash or an out-of-memory kill: nothing is flushed
            first.process().waitFor(30, TimeUnit.SECONDS);
        }
        Started again = serve(data);
        try {
            var bundle = call("GET", again.url() + "/api/notices/" + notice + "/evidence", "admin", admin, null);
            assertThat(bundle.statusCode()).as("the notice's evidence bundle after the restart").isEqualTo(200);
            assertThat(call("GET", again.url() + "/actuator/health", "admin", admin, null).body()).contains("UP");
        } finally {
            again.process().destroy();
            again.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void link_without_enough_memory_says_how_to_give_it_more(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(launch("generate", "--sellers", "400000", "--listings", "0", "--seed", "3", "--out",
                gen.toString()).code()).isEqualTo(0);
        Result r = launch(java.util.Map.of("REDFLAG_JAVA_OPTS", "-Xmx40m"), "link",
                gen.resolve("sellers.jsonl").toString(), "--out", dir.resolve("links.jsonl").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("not enough memory to link", "REDFLAG_JAVA_OPTS=-Xmx")
                .doesNotContain("Exception").doesNotContain("internal error");
    }

    @Test
    void any_command_out_of_memory_says_how_to_give_it_more(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path dictionary = dir.resolve("huge.tsv");
        java.util.Random r = new java.util.Random(5);
        try (var out = java.nio.file.Files.newBufferedWriter(dictionary)) {
            for (int i = 0; i < 400_000; i++) {
                StringBuilder term = new StringBuilder();
                for (int k = 0; k < 10; k++) {
                    term.append((char) ('a' + r.nextInt(26)));
                }
                out.write("BRAND\t" + term + "\tTest " + i + "\n");
            }
        }
        Path feed = dir.resolve("feed.jsonl");
        java.nio.file.Files.writeString(feed, "{\"id\":\"l1\",\"title\":\"bag\"}\n");
        Result result = launch(java.util.Map.of("REDFLAG_JAVA_OPTS", "-Xmx48m"), "screen", feed.toString(),
                "--dictionary", dictionary.toString(), "--out", dir.resolve("out.jsonl").toString());
        assertThat(result.code()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains("out of memory (this Java may use", "REDFLAG_JAVA_OPTS=-Xmx")
                .doesNotContain("internal error").doesNotContain("Exception");
    }

    @Test
    void the_packaged_jar_reports_its_version() throws Exception {
        Result r = launch("--version");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).matches("(?s)redflag \\d+\\.\\d+\\.\\d+.*");
    }
}
