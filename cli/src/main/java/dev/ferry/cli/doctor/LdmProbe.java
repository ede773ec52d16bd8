package dev.ferry.cli.doctor;

import dev.ferry.scheduler.LdmClient;
import dev.ferry.scheduler.LdmConnection;
import dev.ferry.scheduler.LdmServiceException;
import dev.ferry.scheduler.Migration;
import java.util.List;

/** Lists LDM's migrations once: proves the endpoint answers and the credentials are accepted. */
public final class LdmProbe {
  private LdmProbe() {}

  public static Finding probe(LdmConnection ldm) {
    String check = "ldm reachable, credentials accepted";
    try (LdmClient client = new LdmClient(ldm, null)) {
      List<Migration> migrations = client.list();
      return Finding.pass(
          check,
          migrations.size()
              + " migrations listed at "
              + ldm.endpoint()
              + (ldm.authenticated() ? " as " + ldm.username() : " without authentication"));
    } catch (LdmServiceException e) {
      return Finding.fail(check, e.getMessage(), fix(e.getMessage()));
    }
  }

  private static String fix(String message) {
    if (message.contains("401") || message.contains("403")) {
      return "check the user (FERRY_LDM_USERNAME, ldm.username) and password"
          + " (FERRY_LDM_PASSWORD or ldm.password-file)";
    }
    return "check that LDM runs and --endpoint / ldm.endpoint points at it";
  }
}
