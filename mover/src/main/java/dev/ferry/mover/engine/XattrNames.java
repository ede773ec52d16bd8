package dev.ferry.mover.engine;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Which extended attributes ferry copies. {@code user.*} with xattrs on; {@code trusted.*} with
 * xattrs on and as root (only root can read or write them), except Lustre's own; the two POSIX ACL
 * attributes with ACLs on. Never {@code lustre.*} (the layout, re-created by the target's own
 * policy), {@code security.*} (an SELinux label belongs to the target's policy, and a file
 * capability is cleared by the chown that follows, so a copied one would silently not stick) nor
 * any other {@code system.*} name (kernel-generated views such as NFSv4 ACLs).
 */
record XattrNames(boolean user, boolean trusted, boolean acls) {
  static final String ACL_ACCESS = "system.posix_acl_access";
  static final String ACL_DEFAULT = "system.posix_acl_default";

  /** Lustre's internal {@code trusted.*} attributes: object layout, FID, links, HSM and so on. */
  static final Set<String> LUSTRE_TRUSTED =
      Set.of(
          "trusted.lov",
          "trusted.lma",
          "trusted.link",
          "trusted.lmv",
          "trusted.dmv",
          "trusted.fid",
          "trusted.som",
          "trusted.hsm",
          "trusted.version",
          "trusted.pfid");

  boolean any() {
    return user || trusted || acls;
  }

  boolean copied(byte[] name) {
    // ISO-8859-1 maps each byte to one char: exact for matching, whatever the bytes are.
    return copied(new String(name, StandardCharsets.ISO_8859_1));
  }

  boolean copied(String name) {
    if (name.startsWith("user.")) {
      return user;
    }
    if (name.startsWith("trusted.")) {
      return trusted && !LUSTRE_TRUSTED.contains(name);
    }
    return acls && (name.equals(ACL_ACCESS) || name.equals(ACL_DEFAULT));
  }
}
