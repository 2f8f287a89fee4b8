using System.Security.Cryptography;
using System.Text;

namespace GossipSim.Dashboard;

/// <summary>
/// The dashboard's secret, new for each dashboard: 256 random bits. The page gets it from the
/// address the command prints (<c>?token=…</c>) and sends it with every request
/// (<see cref="Header"/>; the event stream, which cannot set headers, in the query). It is also
/// written to a file only the operator can read (mode 600), for scripts and a lost address.
/// Another user of the machine can reach 127.0.0.1 too, but sees neither: without it the
/// dashboard answers 403 and does nothing.
/// </summary>
public sealed class DashboardToken : IDisposable
{
    public const string Header = "X-GossipSim-Token";
    public const string QueryName = "token";

    private readonly byte[] _bytes;

    private DashboardToken(string value)
    {
        Value = value;
        _bytes = Encoding.ASCII.GetBytes(value);
    }

    public string Value { get; }

    /// <summary>The file that holds it, once <see cref="WriteFile"/> has written it.</summary>
    public string? File { get; private set; }

    /// <summary>Why <see cref="WriteFile"/> could not write it, if it could not.</summary>
    public string? FileProblem { get; private set; }

    public static DashboardToken New() =>
        new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    /// <summary>Writes it to <c>gossipsim-dashboard-PORT.token</c> in <paramref name="directory"/>, mode 600; on failure says why in
    /// <see cref="FileProblem"/> (the address still carries it).</summary>
    public void WriteFile(string directory, int port)
    {
        string path = Path.Combine(directory, $"gossipsim-dashboard-{port}.token");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            // A file left by a dashboard that was killed is ours to replace (in a shared temporary directory another user's
            // cannot be deleted). CreateNew never follows a link put in its place.
            if (System.IO.File.Exists(path)) System.IO.File.Delete(path);
            using (var writer = new StreamWriter(path, options))
                writer.Write(Value + "\n");
            File = path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FileProblem = $"cannot write the token file {path}: {e.Message}";
        }
    }

    /// <summary>Where the token file goes: $XDG_RUNTIME_DIR (the user's own, mode 700) where set, else the temporary directory.</summary>
    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Directory.Exists(runtime) ? runtime : Path.GetTempPath();

    /// <summary>Whether <paramref name="presented"/> is the token, in time that does not depend on where they differ.</summary>
    public bool Matches(string? presented)
    {
        if (presented == null) return false;
        byte[] bytes = Encoding.UTF8.GetBytes(presented);
        return bytes.Length == _bytes.Length && CryptographicOperations.FixedTimeEquals(bytes, _bytes);
    }

    public void Dispose()
    {
        if (File == null) return;
        try { System.IO.File.Delete(File); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
