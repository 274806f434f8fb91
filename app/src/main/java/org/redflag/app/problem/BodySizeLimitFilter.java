package org.redflag.app.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413 before they are read: a declared length over it at once, a
 * chunked body as soon as it passes it. Multipart uploads have their own, larger limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    /** Thrown by the wrapped stream when a body passes the limit. */
    public static final class TooLarge extends IOException {
        public TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }

    private final long jsonLimit;
    private final long multipartLimit;
    private final Problems problems;

    public BodySizeLimitFilter(@Value("${redflag.limits.json-body:1048576}") long jsonLimit,
                               @Value("${redflag.limits.upload:6291456}") long multipartLimit, Problems problems) {
        this.jsonLimit = jsonLimit;
        this.multipartLimit = multipartLimit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        String type = req.getContentType();
        long limit = type != null && type.toLowerCase().startsWith("multipart/") ? multipartLimit : jsonLimit;
        if (req.getContentLengthLong() > limit) {
            problems.write(res, HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                    "the request body is " + req.getContentLengthLong() + " bytes; the limit is " + limit, null);
            return;
        }
        chain.doFilter(new Limited(req, limit), res);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest req, long limit) {
            super(req);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > limit) {
                            throw new TooLarge(limit);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0 && (read += n) > limit) {
                            throw new TooLarge(limit);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener l) {
                        in.setReadListener(l);
                    }
                };
            }
            return stream;
        }
    }
}
