package org.redflag.evidence;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/** Ed25519 signatures over tree heads and manifests (the JDK's own implementation, RFC 8032). */
public final class Signer {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    public Signer(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static Signer generate() {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new Signer(kp.getPrivate(), kp.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of Java 15 and later", e);
        }
    }

    public static Signer fromPem(String privatePem, String publicPem) throws GeneralSecurityException {
        KeyFactory f = KeyFactory.getInstance("Ed25519");
        return new Signer(f.generatePrivate(new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", privatePem))),
                publicKey(publicPem));
    }

    public static PublicKey publicKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Pem.decode("PUBLIC KEY", pem)));
    }

    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String privatePem() {
        return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
    }

    public String publicPem() {
        return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
    }

    /** SHA-256 of the public key's encoding: the ledger's id, to compare with the one the platform publishes. */
    public static String fingerprint(PublicKey key) {
        return Hashes.hex(Hashes.sha256(key.getEncoded()));
    }
}
