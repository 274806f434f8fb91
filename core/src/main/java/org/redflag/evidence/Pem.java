package org.redflag.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text for keys and certificates: base64 between BEGIN and END lines. */
public final class Pem {

    private Pem() {
    }

    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The DER bytes of the first block of {@code type}; IllegalArgumentException if there is none. */
    public static byte[] decode(String type, String pem) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int a = pem.indexOf(begin);
        int b = pem.indexOf(end);
        if (a < 0 || b < a) {
            throw new IllegalArgumentException("no " + type + " in the PEM text");
        }
        return Base64.getMimeDecoder().decode(pem.substring(a + begin.length(), b));
    }
}
