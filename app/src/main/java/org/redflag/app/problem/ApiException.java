package org.redflag.app.problem;

import org.springframework.http.HttpStatus;

/** A user error the API answers with a problem: the status, a title, what is wrong, and the field at fault. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final String field;

    public ApiException(HttpStatus status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail, field);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " does not exist or is not yours", null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
