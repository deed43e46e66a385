package io.vigil.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic synthetic bank data shaped like the Berka dataset: districts, accounts opening over
 * time, and each month's transactions (credits PRIJEM, debits VYDAJ; operations VKLAD cash deposit,
 * PREVOD Z UCTU incoming transfer, VYBER cash withdrawal, PREVOD NA UCET outgoing transfer, VYBER
 * KARTOU card payment). A few accounts behave cash-intensively. The same seed gives the same bytes.
 */
public final class BerkaData {
  private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
  private static final String[] REGIONS = {"Prague", "central Bohemia", "south Bohemia", "west Bohemia", "north Bohemia",
      "east Bohemia", "south Moravia", "north Moravia"};
  private static final String[] FREQUENCIES = {"POPLATEK MESICNE", "POPLATEK TYDNE", "POPLATEK PO OBRATU"};

  /** The files of one month, as the bank would release them (semicolon-separated, with a header). */
  public record Month(YearMonth month, String districts, String accounts, String transactions, int transactionCount) {}

  private record Account(String id, int district, String frequency, LocalDate opened, boolean cashIntensive) {}

  private final long seed;
  private final int districtCount;
  private final List<Account> accounts = new ArrayList<>();

  private BerkaData(long seed, int accountCount, int districtCount, YearMonth first) {
    this.seed = seed;
    this.districtCount = districtCount;
    Random random = new Random(seed);
    for (int i = 0; i < accountCount; i++) {
      // Most accounts exist before the first month; some open during it, so snapshots change.
      LocalDate opened = first.atDay(1).minusDays(random.nextInt(900)).plusDays(random.nextInt(10) < 2 ? 920 : 0);
      accounts.add(new Account(String.valueOf(10_000 + i), 1 + random.nextInt(districtCount),
          FREQUENCIES[random.nextInt(FREQUENCIES.length)], opened, random.nextInt(100) < 4));
    }
  }

  public static BerkaData of(long seed, int accounts, int districts, YearMonth first) {
    return new BerkaData(seed, accounts, districts, first);
  }

  /** The files of {@code month}: the district and account snapshots as of its end, and its transactions. */
  public Month month(YearMonth month) {
    Random random = new Random(seed * 31 + month.getYear() * 12L + month.getMonthValue());
    StringBuilder d = new StringBuilder("district_id;name;region;inhabitants;unemployment_rate\n");
    Random fixed = new Random(seed);
    for (int i = 1; i <= districtCount; i++) {
      d.append(i).append(';').append("District ").append(i).append(';').append(REGIONS[(i - 1) % REGIONS.length]).append(';')
          .append(20_000 + fixed.nextInt(1_200_000)).append(';')
          .append(String.format(Locale.ROOT, "%.2f", 0.5 + fixed.nextDouble() * 9)).append('\n');
    }
    StringBuilder a = new StringBuilder("account_id;district_id;frequency;opened\n");
    StringBuilder t = new StringBuilder("trans_id;account_id;date;type;operation;amount;balance\n");
    int count = 0;
    LocalDate end = month.atEndOfMonth();
    for (Account acc : accounts) {
      if (acc.opened().isAfter(end)) {
        continue;
      }
      // A few accounts change their statement frequency over time: OVERWRITE keeps the history.
      String frequency = (Integer.parseInt(acc.id()) + month.getMonthValue()) % 17 == 0
          ? FREQUENCIES[(month.getMonthValue()) % FREQUENCIES.length] : acc.frequency();
      a.append(acc.id()).append(';').append(acc.district()).append(';').append(frequency).append(';')
          .append(YYMMDD.format(acc.opened())).append('\n');
      double balance = 1_000 + (Integer.parseInt(acc.id()) % 97) * 150;
      int n = 4 + random.nextInt(12) + (acc.cashIntensive() ? 10 : 0);
      for (int k = 0; k < n; k++) {
        LocalDate date = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
        if (date.isBefore(acc.opened())) {
          date = acc.opened();
        }
        boolean credit = random.nextInt(100) < (acc.cashIntensive() ? 35 : 48);
        String operation;
        double amount;
        if (credit) {
          operation = random.nextBoolean() ? "VKLAD" : "PREVOD Z UCTU";
          amount = 200 + random.nextInt(12_000) + (acc.cashIntensive() ? 15_000 : 0);
        } else {
          int kind = random.nextInt(100);
          operation = acc.cashIntensive() || kind < 40 ? "VYBER" : kind < 75 ? "PREVOD NA UCET" : "VYBER KARTOU";
          amount = 50 + random.nextInt(4_000) + (acc.cashIntensive() ? 3_000 + random.nextInt(6_000) : 0);
        }
        balance += credit ? amount : -amount;
        count++;
        t.append(acc.id()).append('-').append(month).append('-').append(k).append(';').append(acc.id()).append(';')
            .append(YYMMDD.format(date)).append(';').append(credit ? "PRIJEM" : "VYDAJ").append(';').append(operation).append(';')
            .append(String.format(Locale.ROOT, "%.2f", amount)).append(';')
            .append(String.format(Locale.ROOT, "%.2f", balance)).append('\n');
      }
    }
    return new Month(month, d.toString(), a.toString(), t.toString(), count);
  }
}
