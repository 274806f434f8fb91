package org.redflag.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and the RFC 9162 (Certificate Transparency v2) leaf and node hashes. */
public final class Hashes {

    public static final int SIZE = 32;

    private Hashes() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    /** RFC 9162 §2.1.1: the hash of a leaf is SHA-256(0x00 || data). */
    public static byte[] leaf(byte[] data) {
        MessageDigest d = sha256();
        d.update((byte) 0x00);
        d.update(data);
        return d.digest();
    }

    /** RFC 9162 §2.1.1: the hash of an interior node is SHA-256(0x01 || left || right). */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update((byte) 0x01);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** The root of the empty tree: SHA-256 of nothing. */
    public static byte[] empty() {
        return sha256(new byte[0]);
    }

    public static String hex(byte[] h) {
        return HexFormat.of().formatHex(h);
    }

    public static byte[] unhex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
