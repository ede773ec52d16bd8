package dev.ferry.scheduler;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The {@code --insecure} trust manager: accepts any server certificate. OkHttp's own {@code
 * addInsecureHost} matches the peer by host name and does not apply to an endpoint given as an IP
 * address, which is the common case for {@code --insecure}, hence this.
 */
final class TrustEverything implements X509TrustManager {
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    // Not a server.
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    // --insecure: deliberately unverified; the user was warned.
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  SSLSocketFactory socketFactory() {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {this}, new SecureRandom());
      return tls.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this Java runtime", e);
    }
  }
}
