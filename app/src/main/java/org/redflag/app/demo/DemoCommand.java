package org.redflag.app.demo;

import java.util.Map;
import org.redflag.app.server.ServeCommand;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** {@code redflag demo}: the server with demo accounts and data. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start the server with demo accounts and demo data (listings, notices in every stage), and print the"
                    + " URL and the credentials. Takes the same options as 'serve'; the demo data goes into an empty"
                    + " database only (default data directory: ./data-demo).",
        })
public class DemoCommand extends ServeCommand {

    @Override
    protected Map<String, Object> extraProperties() {
        return Map.of("redflag.demo", "true");
    }

    @Override
    protected java.nio.file.Path dataDirectory() {
        return data != null ? data : java.nio.file.Path.of("data-demo");
    }

    @Override
    protected void started(ConfigurableApplicationContext context, String url) {
        var out = spec.commandLine().getOut();
        out.println();
        out.println("Demo accounts (username / password):");
        for (DemoData.Login l : DemoData.LOGINS) {
            out.printf("  %-10s %-22s %s%n", l.username(), l.password(), l.role());
        }
        out.println();
        out.println("Try: curl -u reviewer:" + DemoData.LOGINS.get(1).password() + " " + url + "/api/notices");
    }
}
