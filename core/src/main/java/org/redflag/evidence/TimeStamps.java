package org.redflag.evidence;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * RFC 3161 time-stamps (Bouncy Castle): a local time-stamping authority with its own key and certificate, a client
 * for an external TSA over HTTP, and verification of a token against a certificate and a digest.
 */
public final class TimeStamps {

    /** Issues a time-stamp token over a SHA-256 digest. */
    public interface Authority {
        byte[] stamp(byte[] sha256Digest);

        /** The certificate to verify this authority's tokens with, PEM; empty for an external one. */
        String certificatePem();
    }

    /** The policy under which the local authority issues tokens (a private arc; no public policy is claimed). */
    static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.1");

    private TimeStamps() {
    }

    /** A local authority: EC P-256 key and a self-signed certificate for time-stamping only. */
    public static final class Local implements Authority {
        private final PrivateKey key;
        private final X509Certificate cert;
        private final Clock clock;
        private final SecureRandom random = new SecureRandom();

        public Local(PrivateKey key, X509Certificate cert, Clock clock) {
            this.key = key;
            this.cert = cert;
            this.clock = clock;
        }

        public static Local generate(Clock clock, String name) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair kp = g.generateKeyPair();
                X500Name subject = new X500Name("CN=" + name + " time-stamping authority, O=Redflag");
                Instant now = clock.instant();
                var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650 * 3))),
                        subject, kp.getPublic());
                builder.addExtension(Extension.extendedKeyUsage, true,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                        .build(kp.getPrivate()));
                return new Local(kp.getPrivate(), new JcaX509CertificateConverter().getCertificate(holder), clock);
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the local time-stamping authority", e);
            }
        }

        public static Local fromPem(String keyPem, String certPem, Clock clock) throws GeneralSecurityException {
            PrivateKey k = KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", keyPem)));
            return new Local(k, certificate(certPem), clock);
        }

        public String keyPem() {
            return Pem.encode("PRIVATE KEY", key.getEncoded());
        }

        @Override
        public String certificatePem() {
            try {
                return Pem.encode("CERTIFICATE", cert.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized byte[] stamp(byte[] digest) {
            try {
                TimeStampRequestGenerator rg = new TimeStampRequestGenerator();
                rg.setCertReq(true);
                TimeStampRequest request = rg.generate(TSPAlgorithms.SHA256, digest,
                        BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE));
                TimeStampResponse response = new TimeStampResponse(respond(request.getEncoded()));
                response.validate(request);
                return response.getTimeStampToken().getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException("the local time-stamping authority failed", e);
            }
        }

        /** Answers an encoded RFC 3161 request with an encoded response, as a TSA server would. */
        public synchronized byte[] respond(byte[] encodedRequest) {
            try {
                TimeStampRequest request = new TimeStampRequest(encodedRequest);
                var signerInfo = new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", key, cert);
                var digestCalc = new JcaDigestCalculatorProviderBuilder().build()
                        .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
                TimeStampTokenGenerator tg = new TimeStampTokenGenerator(signerInfo, digestCalc, POLICY);
                tg.addCertificates(new JcaCertStore(List.of(cert)));
                return new TimeStampResponseGenerator(tg, TSPAlgorithms.ALLOWED)
                        .generate(request, BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE),
                                Date.from(clock.instant())).getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException("the local time-stamping authority failed", e);
            }
        }
    }

    /** An external authority reached over HTTP (RFC 3161 §3.4, application/timestamp-query). */
    public static final class External implements Authority {
        private final URI url;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        public External(URI url) {
            this.url = url;
        }

        @Override
        public byte[] stamp(byte[] digest) {
            try {
                TimeStampRequestGenerator rg = new TimeStampRequestGenerator();
                rg.setCertReq(true);
                TimeStampRequest request = rg.generate(TSPAlgorithms.SHA256, digest,
                        BigInteger.valueOf(new SecureRandom().nextLong() & Long.MAX_VALUE));
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/timestamp-query")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IOException("the TSA at " + url + " answered HTTP " + r.statusCode());
                }
                TimeStampResponse response = new TimeStampResponse(r.body());
                response.validate(request);
                if (response.getTimeStampToken() == null) {
                    throw new IOException("the TSA at " + url + " granted no token: " + response.getStatusString());
                }
                return response.getTimeStampToken().getEncoded();
            } catch (IOException | TSPException e) {
                throw new IllegalStateException("time-stamping at " + url + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String certificatePem() {
            return "";
        }
    }

    public static X509Certificate certificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new java.io.ByteArrayInputStream(Pem.decode("CERTIFICATE", pem)));
    }

    /** What a token says, once checked: when, by whom, and whether it holds. */
    public record Check(boolean valid, Instant time, String problem) {
    }

    /**
     * Checks a token: its signature by {@code cert} (which must be for time-stamping), and that it stamps
     * {@code digest}.
     */
    public static Check verify(byte[] token, byte[] digest, X509Certificate cert) {
        try {
            TimeStampToken t = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
            if (cert.getExtendedKeyUsage() == null || !cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.8")) {
                return new Check(false, null, "the TSA certificate is not for time-stamping");
            }
            t.validate(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
            Instant time = t.getTimeStampInfo().getGenTime().toInstant();
            if (!Arrays.equals(t.getTimeStampInfo().getMessageImprintDigest(), digest)) {
                return new Check(false, time, "the token stamps another digest than the tree head's");
            }
            return new Check(true, time, null);
        } catch (Exception e) {
            return new Check(false, null, "the token does not verify: " + e.getMessage());
        }
    }
}
