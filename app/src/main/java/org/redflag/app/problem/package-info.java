/**
 * How Redflag answers what is wrong (RFC 9457): {@code application/problem+json} naming the field at fault for the
 * API, a page in the reader's language for a browser, a size limit on request bodies, and a message naming the
 * setting for a configuration that cannot be used.
 */
package org.redflag.app.problem;
