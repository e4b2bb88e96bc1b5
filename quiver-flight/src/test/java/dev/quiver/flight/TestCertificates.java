package dev.quiver.flight;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made at test time with the JDK's keytool (nothing private is committed): each pair is
 * a PEM certificate for localhost and 127.0.0.1 and its PKCS#8 PEM key.
 */
public final class TestCertificates {
    private TestCertificates() {}

    /** A PEM certificate and its PEM (PKCS#8) private key. */
    public record Pair(Path certificate, Path key) {}

    private static final String PASSWORD = "test-only";

    /** Self-signed certificates (and keys) named {@code names} in {@code dir}, made by keytools run side by side. */
    public static Pair[] make(Path dir, String... names) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process[] running = new Process[names.length];
        for (int i = 0; i < names.length; i++) {
            running[i] = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", names[i], "-keyalg", "EC",
                    "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "2",
                    "-dname", "CN=" + names[i], "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", dir.resolve(names[i] + ".p12").toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-keypass", PASSWORD, "-J-XX:TieredStopAtLevel=1", "-J-Xshare:auto")
                    .redirectErrorStream(true).start();
        }
        Pair[] pairs = new Pair[names.length];
        for (int i = 0; i < names.length; i++) {
            Process p = running[i];
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("keytool failed: " + out);
            pairs[i] = pem(dir, names[i]);
        }
        return pairs;
    }

    private static Pair pem(Path dir, String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        String password = PASSWORD;
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password.toCharArray());
        }
        Certificate cert = ks.getCertificate(name);
        PrivateKey key = (PrivateKey) ks.getKey(name, password.toCharArray());
        Path certPem = dir.resolve(name + ".crt");
        Path keyPem = dir.resolve(name + ".key");
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
        return new Pair(certPem, keyPem);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

}
