package org.redflag.evidence;

/**
 * The chain of custody of one captured item: who captured it, when, from where, with which software, and what it is
 * about (a notice, a listing). Null fields are unknown.
 */
public record Custody(String fileName, String mediaType, String capturedBy, String sourceUrl, String subject,
                      String kind) {
}
