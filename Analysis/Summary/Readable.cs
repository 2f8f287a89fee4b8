using System.Globalization;

namespace GossipSim.Analysis.Summary;

/// <summary>Numbers as a person reads them: a few significant digits, sizes in KiB/MiB/GiB.</summary>
public static class Readable
{
    /// <summary>Three significant digits, no exponent for everyday magnitudes.</summary>
    public static string Number(double x)
    {
        if (double.IsNaN(x)) return "n/a";
        if (double.IsInfinity(x)) return x > 0 ? "∞" : "-∞";
        if (x == 0) return "0";
        double a = Math.Abs(x);
        if (a >= 1e6 || a < 1e-4) return x.ToString("0.##e0", CultureInfo.InvariantCulture);
        int digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(a)));
        return Math.Round(x, digits, MidpointRounding.AwayFromZero).ToString("0." + new string('#', Math.Max(digits, 1)),
            CultureInfo.InvariantCulture);
    }

    /// <summary>"512 B", "12.3 KiB", "234 MiB", "3.1 GiB": three significant digits at most.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double v = bytes;
        int u = 0;
        while (Math.Abs(v) >= 1024 && u < units.Length - 1) { v /= 1024; u++; }
        string n = u == 0 ? bytes.ToString(CultureInfo.InvariantCulture) : Number(v);
        return n + " " + units[u];
    }
}
