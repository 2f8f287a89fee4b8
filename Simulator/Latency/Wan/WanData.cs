using System.IO.Compression;
using System.Globalization;

namespace GossipSim.Simulator.Latency.Wan;

/// <summary>
/// The shipped tables as read (data/NOTICE.md): the measured rows by country pair, the ISO 3166 codes and names, and where each
/// country is. Reading only: what the rows mean for a pair is <see cref="WanAtlas"/>'s.
/// </summary>
public static class WanData
{
    /// <summary>Codes in the measurements that are no country: addresses iptoasn.com could not place, and Europe as a whole.</summary>
    private static readonly HashSet<string> NotCountries = ["None", "Unknown", "EU"];

    /// <summary>Every measured row by its two codes (in the file's order, cty1 ≤ cty2), rows naming no country left out.</summary>
    public static IEnumerable<(string A, string B, RttRow Row)> Rows()
    {
        using var reader = new StreamReader(new GZipStream(Open("country_rtt_stat.csv.gz"), CompressionMode.Decompress));
        reader.ReadLine(); // cty1,cty2,rtt_cnt,rtt_avg,rtt_std,rtt_min,rtt_max
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split(',');
            if (NotCountries.Contains(f[0]) || NotCountries.Contains(f[1])) continue;
            // A row of one ping has no deviation (an empty field): 0.
            yield return (f[0], f[1], new RttRow(long.Parse(f[2], CultureInfo.InvariantCulture), Number(f[3]), f[4].Length == 0 ? 0 : Number(f[4]),
                Number(f[5]), Number(f[6])));
        }
    }

    /// <summary>ISO 3166 alpha-2 code → the country's name (tzdata's iso3166.tab).</summary>
    public static Dictionary<string, string> Names()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in TabRows("iso3166.tab")) names[f[0]] = f[1];
        return names;
    }

    /// <summary>
    /// Code → where the country is (degrees): the mean, on the sphere, of its time zones' principal cities (tzdata's zone.tab). One
    /// zone is a capital or the largest city; a country of many zones lands inside its spread of cities, which is where its nodes are
    /// more than its border's box is.
    /// </summary>
    public static Dictionary<string, (double Lat, double Lon)> Positions()
    {
        var sums = new Dictionary<string, (double X, double Y, double Z)>(StringComparer.Ordinal);
        foreach (var f in TabRows("zone.tab"))
        {
            var (lat, lon) = Iso6709(f[1]);
            double φ = lat * Math.PI / 180, λ = lon * Math.PI / 180;
            var s = sums.GetValueOrDefault(f[0]);
            sums[f[0]] = (s.X + Math.Cos(φ) * Math.Cos(λ), s.Y + Math.Cos(φ) * Math.Sin(λ), s.Z + Math.Sin(φ));
        }
        return sums.ToDictionary(kv => kv.Key, kv => (
            Math.Atan2(kv.Value.Z, Math.Sqrt(kv.Value.X * kv.Value.X + kv.Value.Y * kv.Value.Y)) * 180 / Math.PI,
            Math.Atan2(kv.Value.Y, kv.Value.X) * 180 / Math.PI), StringComparer.Ordinal);
    }

    /// <summary>
    /// Code → the boxes the country lies in (data/country-boxes.csv: Natural Earth's 1:50m map subunits, so Alaska, Hawaii and the
    /// lower 48 apart), and a point for each of its time zones' principal cities that no box holds (Lord Howe, Fernando de Noronha,
    /// Ceuta: islands and enclaves too small for the map). What the model knows of how close two countries come (<see cref="CountryBox"/>).
    /// </summary>
    public static Dictionary<string, IReadOnlyList<CountryBox>> Extents()
    {
        var boxes = new Dictionary<string, List<CountryBox>>(StringComparer.Ordinal);
        using (var reader = new StreamReader(Open("country-boxes.csv")))
        {
            reader.ReadLine(); // code,subunit,lon_min,lat_min,lon_max,lat_max
            while (reader.ReadLine() is { } line)
            {
                var f = line.Split(',');
                if (!boxes.TryGetValue(f[0], out var list)) boxes[f[0]] = list = [];
                list.Add(new CountryBox(Number(f[3]), Number(f[5]), Number(f[2]), Number(f[4])));
            }
        }
        foreach (var f in TabRows("zone.tab"))
        {
            var (lat, lon) = Iso6709(f[1]);
            // Cities alone are inside a country, not around it: a country the map lacks gets no extent (and no floor), not its cities.
            if (boxes.TryGetValue(f[0], out var list) && !list.Any(b => b.Holds(lat, lon))) list.Add(CountryBox.At(lat, lon));
        }
        return boxes.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<CountryBox>)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>Code → the area (the part before the slash: Europe, America, Pacific...) of the country's first time zone in zone.tab,
    /// which lists a country's zones capital or most populous first (Russia: Europe, the United States: America).</summary>
    public static Dictionary<string, string> FirstAreas()
    {
        var areas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in TabRows("zone.tab")) areas.TryAdd(f[0], f[2][..f[2].IndexOf('/')]);
        return areas;
    }

    /// <summary>zone.tab's coordinates, ISO 6709: ±DDMM±DDDMM or ±DDMMSS±DDDMMSS.</summary>
    public static (double Lat, double Lon) Iso6709(string text)
    {
        int split = text.IndexOfAny(['+', '-'], 1);
        return (Degrees(text[..split], 2), Degrees(text[split..], 3));
    }

    private static double Degrees(string signed, int degreeDigits)
    {
        string d = signed[1..];
        double value = int.Parse(d[..degreeDigits], CultureInfo.InvariantCulture)
            + int.Parse(d.Substring(degreeDigits, 2), CultureInfo.InvariantCulture) / 60.0
            + (d.Length > degreeDigits + 2 ? int.Parse(d[(degreeDigits + 2)..], CultureInfo.InvariantCulture) / 3600.0 : 0);
        return signed[0] == '-' ? -value : value;
    }

    private static IEnumerable<string[]> TabRows(string name)
    {
        using var reader = new StreamReader(Open(name));
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') yield return line.Split('\t');
    }

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static Stream Open(string name) => typeof(WanData).Assembly.GetManifestResourceStream("Wan." + name)
        ?? throw new InvalidOperationException($"the wan model's table {name} is not in the simulator's assembly (Simulator.csproj embeds "
            + "Latency/Wan/data)");
}
