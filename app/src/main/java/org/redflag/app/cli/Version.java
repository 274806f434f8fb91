package org.redflag.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** This build's version, for {@code --version}, the API documentation and evidence bundles. */
public final class Version implements CommandLine.IVersionProvider {

    /** This build's version, from the properties Maven writes at build time ("unknown" without them). */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/org/redflag/app/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a label only: "unknown"
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"redflag " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
