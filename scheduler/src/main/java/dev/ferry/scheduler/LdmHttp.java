package dev.ferry.scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.ConnectionSpec;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;

/** Builds the one OkHttp client a run uses: timeouts, TLS trust, Basic auth, debug log. */
final class LdmHttp {
  private LdmHttp() {}

  static OkHttpClient client(LdmConnection ldm, Consumer<String> debug) {
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .callTimeout(ldm.timeout())
            .connectTimeout(ldm.timeout())
            .readTimeout(ldm.timeout())
            .writeTimeout(ldm.timeout())
            // LDM does not redirect; following one could turn a POST into a GET elsewhere.
            .followRedirects(false)
            .followSslRedirects(false);
    if (ldm.authenticated()) {
      // Preemptive, as LDM's own scripts do; the header is built once and never logged.
      String header =
          Credentials.basic(ldm.username(), ldm.password().reveal(), StandardCharsets.UTF_8);
      b.addInterceptor(
          chain ->
              chain.proceed(chain.request().newBuilder().header("Authorization", header).build()));
    }
    if (debug != null) {
      b.addInterceptor(new RequestLog(debug));
    }
    List<X509Certificate> extraCas = ldm.caCert() == null ? List.of() : readCas(ldm);
    if (!ldm.https()) {
      // Plain HTTP: without this OkHttp loads the platform trust store it will never use, a
      // tenth of a cron run's CPU time.
      b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    } else if (ldm.insecure() || !extraCas.isEmpty()) {
      trust(b, ldm, extraCas);
    }
    return b.build();
  }

  private static void trust(OkHttpClient.Builder b, LdmConnection ldm, List<X509Certificate> cas) {
    if (ldm.insecure()) {
      TrustEverything all = new TrustEverything();
      b.sslSocketFactory(all.socketFactory(), all);
      // Like curl -k: the certificate's names are not checked either.
      b.hostnameVerifier((name, session) -> true);
      return;
    }
    HandshakeCertificates.Builder certs =
        new HandshakeCertificates.Builder().addPlatformTrustedCertificates();
    cas.forEach(certs::addTrustedCertificate);
    HandshakeCertificates hc = certs.build();
    b.sslSocketFactory(hc.sslSocketFactory(), hc.trustManager());
  }

  private static List<X509Certificate> readCas(LdmConnection ldm) {
    try (InputStream in = Files.newInputStream(ldm.caCert())) {
      List<X509Certificate> cas = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        cas.add((X509Certificate) c);
      }
      if (cas.isEmpty()) {
        throw new SchedulerConfigException("--cacert " + ldm.caCert() + " holds no certificate");
      }
      return cas;
    } catch (NoSuchFileException e) {
      throw new SchedulerConfigException("--cacert " + ldm.caCert() + " does not exist", e);
    } catch (IOException e) {
      throw new SchedulerConfigException("cannot read --cacert " + ldm.caCert(), e);
    } catch (CertificateException e) {
      throw new SchedulerConfigException(
          "--cacert " + ldm.caCert() + " is not a PEM certificate", e);
    }
  }
}
