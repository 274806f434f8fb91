package org.redflag.app.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Requests the servlet container refuses before the application sees them (an encoded NUL in the path, headers
 * over the size limit, a malformed request line) answer with the same {@code application/problem+json} body as
 * every other error, instead of the container's HTML page. Never a stack trace.
 */
@Component
public class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemValve.class.getName());
            }
        });
    }

    /** The host's error report: a problem body for any error status the application did not answer itself. */
    public static final class ProblemValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            String detail = status >= 500 ? "the server failed; the error is logged"
                    : "the server refused the request before reading it (" + title.toLowerCase(java.util.Locale.ROOT)
                    + "): check the path, the query and the headers";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer w = response.getReporter();
                if (w != null) {
                    w.write("{\"type\":\"https://redflag.example/problems/" + status + "\",\"title\":\"" + title
                            + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response is committed: nothing more to say
            }
        }
    }
}
