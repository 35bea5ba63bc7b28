package io.partita.broker.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for {@code localhost} / {@code 127.0.0.1} made with the JDK's {@code keytool}:
 * a PKCS12 keystore for a TLS listener, and a PKCS12 truststore and a PEM file that trust it (what a client is given).
 */
public record TestCertificates(Path keystore, Path truststore, Path certificatePem, String password) {

    /** Generates both stores in {@code dir}, valid for two days; {@code alias} names the key (and the CN's prefix). */
    public static TestCertificates generate(Path dir, String alias, String password)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path keystore = dir.resolve(alias + "-keystore.p12");
        Path certificate = dir.resolve(alias + ".crt");
        Path truststore = dir.resolve(alias + "-truststore.p12");
        keytool(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=" + alias + ".localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password);
        keytool(
                "-exportcert",
                "-alias",
                alias,
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password,
                "-rfc",
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                alias,
                "-file",
                certificate.toString(),
                "-keystore",
                truststore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password);
        return new TestCertificates(keystore, truststore, certificate, password);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + args[0] + " failed: " + new String(output));
        }
    }
}
