package io.vigil.runtime.connector.payment;

import com.prowidesoftware.swift.model.Tag;
import com.prowidesoftware.swift.model.field.Field;
import com.prowidesoftware.swift.model.field.Field50A;
import com.prowidesoftware.swift.model.field.Field50C;
import com.prowidesoftware.swift.model.field.Field50F;
import com.prowidesoftware.swift.model.field.Field59;
import com.prowidesoftware.swift.model.field.Field59A;
import com.prowidesoftware.swift.model.field.Field59F;
import com.prowidesoftware.swift.model.field.OptionAPartyField;
import com.prowidesoftware.swift.model.field.OptionGPartyField;
import com.prowidesoftware.swift.model.field.OptionHPartyField;
import com.prowidesoftware.swift.model.field.OptionKPartyField;
import java.util.ArrayList;
import java.util.List;

/**
 * A party of an MT message (fields 50a, 59a) or an institution (52a, 57a, 58a), read with Prowide's
 * field classes for each option: A and G identify the party by BIC, F by numbered name lines, K, H
 * and no letter by name and address lines.
 *
 * @param name the name; the BIC for options that carry no name
 * @param account the account, without its leading slash
 * @param bic the BIC, for options that carry one
 */
record MtParty(String name, String account, String bic) {
  static final MtParty NONE = new MtParty(null, null, null);

  static MtParty of(Tag tag) {
    if (tag == null) {
      return NONE;
    }
    Field f = Field.getField(tag);
    if (f instanceof Field50F p) {
      return new MtParty(numberedName(p.getNumber1(), p.getNameAndAddress1(), p.getNumber2(), p.getNameAndAddress2(),
          p.getNumber3(), p.getNameAndAddress3(), p.getNumber4(), p.getNameAndAddress4()), account(p.getPartyIdentifier()), null);
    }
    if (f instanceof Field59F p) {
      return new MtParty(numberedName(p.getNumber1(), p.getNameAndAddress1(), p.getNumber2(), p.getNameAndAddress2(),
          p.getNumber3(), p.getNameAndAddress3(), p.getNumber4(), p.getNameAndAddress4()), account(p.getAccount()), null);
    }
    if (f instanceof Field50A p) {
      return new MtParty(p.getIdentifierCode(), account(p.getAccount()), p.getIdentifierCode());
    }
    if (f instanceof Field59A p) {
      return new MtParty(p.getIdentifierCode(), account(p.getAccount()), p.getIdentifierCode());
    }
    if (f instanceof OptionAPartyField p) {
      return new MtParty(p.getIdentifierCode(), account(p.getAccount()), p.getIdentifierCode());
    }
    if (f instanceof OptionGPartyField p) {
      return new MtParty(p.getIdentifierCode(), account(p.getAccount()), p.getIdentifierCode());
    }
    if (f instanceof Field50C p) {
      return new MtParty(p.getIdentifierCode(), null, p.getIdentifierCode());
    }
    if (f instanceof OptionKPartyField p) {
      return new MtParty(p.getNameAndAddressLine1(), account(p.getAccount()), null);
    }
    if (f instanceof OptionHPartyField p) {
      return new MtParty(p.getNameAndAddressLine1(), account(p.getAccount()), null);
    }
    if (f instanceof Field59 p) {
      return new MtParty(p.getNameAndAddressLine1(), account(p.getAccount()), null);
    }
    return NONE;
  }

  /** Option F: the lines numbered 1 hold the name. */
  private static String numberedName(String... numberAndText) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i + 1 < numberAndText.length; i += 2) {
      if ("1".equals(numberAndText[i]) && numberAndText[i + 1] != null) {
        parts.add(numberAndText[i + 1].strip());
      }
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }

  private static String account(String account) {
    if (account == null || account.isBlank()) {
      return null;
    }
    String a = account.strip();
    return a.startsWith("/") ? a.substring(1) : a;
  }
}
