/**
 * Court-ready evidence: a content-addressed, append-only Merkle log with RFC 9162 hashing, signed and time-stamped
 * tree heads, inclusion and consistency proofs, bundles, and an offline verifier.
 */
package org.redflag.evidence;
