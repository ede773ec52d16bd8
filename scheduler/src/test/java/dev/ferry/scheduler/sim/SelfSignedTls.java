package dev.ferry.scheduler.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A fresh self-signed certificate for localhost and 127.0.0.1, and a server context using it. */
public final class SelfSignedTls {
  private final HeldCertificate certificate;
  private final SSLContext serverContext;

  public SelfSignedTls() {
    certificate =
        new HeldCertificate.Builder()
            .commonName("localhost")
            .addSubjectAlternativeName("localhost")
            .addSubjectAlternativeName("127.0.0.1")
            .build();
    serverContext =
        new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslContext();
  }

  public SSLContext serverContext() {
    return serverContext;
  }

  /** Writes the certificate as PEM, for {@code --cacert}. */
  public Path writePem(Path file) throws IOException {
    return Files.writeString(file, certificate.certificatePem());
  }
}
