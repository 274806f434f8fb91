package org.redflag.app.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem details, with the field at fault where there is one. */
@Component
public class Problems {

    private final JsonMapper json = JsonMapper.builder().build();

    public static ProblemDetail of(HttpStatus status, String title, String detail, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("https://redflag.example/problems/" + status.value()));
        if (field != null) {
            p.setProperty("field", field);
        }
        return p;
    }

    /** Writes a problem straight to a response, for filters that run before the MVC error handling. */
    public void write(HttpServletResponse res, HttpStatus status, String title, String detail, String field)
            throws IOException {
        ProblemDetail p = of(status, title, detail, field);
        res.setStatus(status.value());
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        res.setCharacterEncoding("UTF-8");
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", p.getType().toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        res.getWriter().write(json.writeValueAsString(body));
    }
}
