package org.redflag.app.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.redflag.notice.IllegalTransitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error answers {@code application/problem+json} (RFC 9457) with the field at fault where there is one; a
 * browser asking for a page gets the same problem as a page in the reader's language, with the same status.
 * User errors are 4xx; only a fault of the server itself is a 500, and it is logged.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final org.thymeleaf.ITemplateEngine templates;
    private final org.springframework.context.MessageSource messages;

    public ProblemAdvice(org.thymeleaf.ITemplateEngine templates, org.springframework.context.MessageSource messages) {
        this.templates = templates;
        this.messages = messages;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<?> api(ApiException e) {
        return answer(Problems.of(e.status(), e.title(), e.getMessage(), e.field()));
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<?> transition(IllegalTransitionException e) {
        ProblemDetail p = Problems.of(HttpStatus.CONFLICT, "Not allowed in this status", e.getMessage(), "action");
        p.setProperty("allowed", e.allowed().stream().map(Enum::name).sorted().toList());
        p.setProperty("noticeStatus", e.status().name());
        return answer(p);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<?> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.TooLarge tooLarge) {
                return answer(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Request too large", tooLarge.getMessage(),
                        null));
            }
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            return answer(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", "unknown field \""
                    + u.getPropertyName() + "\"; known fields: " + u.getKnownPropertyIds(), path(u)));
        }
        if (cause instanceof InvalidFormatException f) {
            return answer(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", "cannot read "
                    + abbreviate(String.valueOf(f.getValue())) + " as " + typeName(f.getTargetType()), path(f)));
        }
        if (cause instanceof MismatchedInputException m) {
            return answer(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", "expected "
                    + (m.getTargetType() == null ? "another type" : typeName(m.getTargetType())) + ": "
                    + abbreviate(m.getOriginalMessage()), path(m)));
        }
        if (cause instanceof JacksonException j) {
            var at = j.getLocation();
            return answer(Problems.of(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + abbreviate(j.getOriginalMessage()), path(j)));
        }
        return answer(Problems.of(HttpStatus.BAD_REQUEST, "Malformed request", "the body could not be read"
                + (cause == null ? "" : ": " + abbreviate(cause.getMessage())), null));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<?> invalid(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError f : e.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())));
        }
        return answer(invalidFields(errors));
    }

    /**
     * A handler whose parameters carry constraints is validated as a whole, its body's fields with them: each
     * parameter at fault by the name the client sent it under, each field of a body by its path in the body, as
     * {@link #invalid} names them.
     */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<?> invalidParameter(HandlerMethodValidationException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (var result : e.getParameterValidationResults()) {
            if (result instanceof org.springframework.validation.method.ParameterErrors body
                    && body.hasFieldErrors()) {
                for (FieldError f : body.getFieldErrors()) {
                    errors.add(Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())));
                }
                continue;
            }
            String field = sentName(result.getMethodParameter(), result.getMethodParameter().getParameterName());
            String message = result.getResolvableErrors().isEmpty() ? "invalid"
                    : String.valueOf(result.getResolvableErrors().get(0).getDefaultMessage());
            errors.add(Map.of("field", String.valueOf(field), "message", message));
        }
        return answer(invalidFields(errors));
    }

    /** The problem for fields at fault: the first by name is the problem's field, all of them in its errors. */
    private static ProblemDetail invalidFields(List<Map<String, String>> errors) {
        errors.sort((a, b) -> a.get("field").compareTo(b.get("field")));
        String first = errors.isEmpty() ? null : errors.get(0).get("field");
        String detail = errors.isEmpty() ? "the request is invalid"
                : errors.stream().map(m -> m.get("field") + ": " + m.get("message")).reduce((a, b) -> a + "; " + b)
                .orElse("");
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", detail, first);
        p.setProperty("errors", errors);
        return p;
    }

    /** A parameter by the name the client sent it under (the header {@code Idempotency-Key}, not the Java name). */
    private static String sentName(org.springframework.core.MethodParameter parameter, String javaName) {
        var header = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestHeader.class);
        var query = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        String sent = header != null ? (header.name().isEmpty() ? header.value() : header.name())
                : query != null ? (query.name().isEmpty() ? query.value() : query.name()) : "";
        return sent.isEmpty() ? javaName : sent;
    }

    /**
     * The parameter a method-validation violation is about, by the name the client sent it under; the last name of
     * its path when it is not a parameter of a handler method (a field of a body, say).
     */
    private static String sentName(jakarta.validation.ConstraintViolation<?> v) {
        java.lang.reflect.Method method = null;
        String last = null;
        for (jakarta.validation.Path.Node node : v.getPropertyPath()) {
            last = node.getName();
            if (node.getKind() == jakarta.validation.ElementKind.METHOD) {
                var m = node.as(jakarta.validation.Path.MethodNode.class);
                method = org.springframework.util.ReflectionUtils.findMethod(v.getRootBeanClass(), m.getName(),
                        m.getParameterTypes().toArray(Class<?>[]::new));
            } else if (node.getKind() == jakarta.validation.ElementKind.PARAMETER && method != null) {
                int index = node.as(jakarta.validation.Path.ParameterNode.class).getParameterIndex();
                return sentName(new org.springframework.core.MethodParameter(method, index), node.getName());
            }
        }
        return last;
    }

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<?> violation(jakarta.validation.ConstraintViolationException e) {
        var v = e.getConstraintViolations().stream().findFirst();
        String path = v.map(x -> x.getPropertyPath().toString()).orElse("");
        String field = v.map(ProblemAdvice::sentName)
                .orElse(path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path);
        return answer(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", field + ": "
                + v.map(jakarta.validation.ConstraintViolation::getMessage).orElse("invalid"), field));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<?> mismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another value" : typeName(e.getRequiredType());
        return answer(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", e.getName() + ": cannot read \""
                + abbreviate(String.valueOf(e.getValue())) + "\" as " + expected, e.getName()));
    }

    /** A query string that is not valid UTF-8 after percent-decoding ({@code ?reasonCode=%ff}). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<?> undecodable(org.apache.tomcat.util.http.InvalidParameterException e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Parameter \\[([^\\]]{1,100})\\]")
                .matcher(String.valueOf(e.getMessage()));
        String field = m.find() ? m.group(1) : null;
        return answer(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", (field == null ? "a query parameter"
                : field) + ": not valid UTF-8 once percent-decoded", field));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<?> missingParameter(MissingServletRequestParameterException e) {
        return answer(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", "the query parameter "
                + e.getParameterName() + " is required", e.getParameterName()));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<?> missingPart(MissingServletRequestPartException e) {
        return answer(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", "the multipart part "
                + e.getRequestPartName() + " is required", e.getRequestPartName()));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<?> missingHeader(MissingRequestHeaderException e) {
        return answer(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", "the header " + e.getHeaderName()
                + " is required", e.getHeaderName()));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<?> upload(MaxUploadSizeExceededException e) {
        return answer(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", "the upload is larger than"
                + " the limit of " + e.getMaxUploadSize() + " bytes", "file"));
    }

    @ExceptionHandler(BodySizeLimitFilter.TooLarge.class)
    ResponseEntity<?> tooLarge(BodySizeLimitFilter.TooLarge e) {
        return answer(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Request too large", e.getMessage(), null));
    }

    /** Spring's own request errors (405, 406, 415, 404 for unknown paths...) keep their status. */
    private ResponseEntity<?> framework(ErrorResponse r) {
        ProblemDetail body = r.getBody();
        HttpStatus status = HttpStatus.valueOf(r.getStatusCode().value());
        return answer(Problems.of(status, status.getReasonPhrase(), body.getDetail() == null ? status.getReasonPhrase()
                : body.getDetail(), null));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<?> unexpected(Exception e) {
        if (e instanceof ErrorResponse r) {
            return framework(r);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.TooLarge tooLarge) {
                return tooLarge(tooLarge);
            }
            if (t instanceof java.sql.SQLException sql && "22021".equals(sql.getSQLState())) {
                // text the database cannot store (PostgreSQL refuses U+0000) reached it some other way than a
                // JSON field (a CSV upload, a map of elements); nothing was stored: the transaction rolled back
                return answer(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", "the request holds text the"
                        + " database cannot store (a NUL character, U+0000)", null));
            }
        }
        log.error("internal error", e);
        return answer(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the server failed; the error is logged", null));
    }

    private ResponseEntity<?> answer(ProblemDetail p) {
        var request = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes a ? a.getRequest() : null;
        if (request != null && page(request)) {
            return ResponseEntity.status(p.getStatus()).contentType(new MediaType(MediaType.TEXT_HTML,
                    java.nio.charset.StandardCharsets.UTF_8)).body(html(p));
        }
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /**
     * Whether the request is a person's browser asking for a page (not the API, its documentation or the
     * actuator): the problem is then a page in the reader's language rather than JSON.
     */
    static boolean page(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/api/") || path.startsWith("/v3/") || path.startsWith("/actuator")
                || path.startsWith("/swagger-ui")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private String html(ProblemDetail p) {
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        var context = new org.thymeleaf.context.Context(locale);
        context.setVariable("status", p.getStatus());
        context.setVariable("heading", messages.getMessage("problem." + p.getStatus(), null,
                messages.getMessage("problem.other", null, p.getTitle(), locale), locale));
        context.setVariable("detail", p.getDetail());
        context.setVariable("field", p.getProperties() == null ? null : p.getProperties().get("field"));
        return templates.process("problem", context);
    }

    /** The JSON path of a Jackson error: {@code listings[2]}, {@code elements.proofOfRights}. */
    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static String typeName(Class<?> c) {
        if (c.isEnum()) {
            return "one of " + java.util.Arrays.toString(c.getEnumConstants());
        }
        return switch (c.getSimpleName()) {
            case "Integer", "int", "Long", "long" -> "an integer";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            case "Instant", "OffsetDateTime" -> "an ISO-8601 date-time";
            case "List", "Set" -> "an array";
            default -> c.getSimpleName().toLowerCase().startsWith("map") ? "an object" : "a " + c.getSimpleName();
        };
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }
}
