using System.Diagnostics;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// PNG beside an SVG, made by rsvg-convert (Debian package librsvg2-bin) when it is installed.
/// There is no rasteriser among the packages we can use, so without the tool there is no PNG,
/// and the caller is told why.
/// </summary>
public static class PngConverter
{
    public const string ToolName = "rsvg-convert";

    /// <summary>Writes name.png beside name.svg; false with the reason when the tool is missing or fails.</summary>
    public static bool TryConvert(string svgPath, out string reason) => TryConvert(svgPath, FindTool(), out reason);

    /// <param name="toolPath">rsvg-convert to use; null means "not installed".</param>
    public static bool TryConvert(string svgPath, string? toolPath, out string reason)
    {
        if (!File.Exists(svgPath))
        {
            reason = $"{svgPath}: no such file";
            return false;
        }
        if (toolPath == null || !File.Exists(toolPath))
        {
            reason = $"{ToolName} is not installed (apt-get install librsvg2-bin), so there is no PNG beside {Path.GetFileName(svgPath)}";
            return false;
        }
        string pngPath = Path.ChangeExtension(svgPath, ".png");
        var start = new ProcessStartInfo(toolPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--background-color", "white", "--zoom", "1.5", "-o", pngPath, svgPath }) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                reason = $"{ToolName} took over a minute on {svgPath}";
                return false;
            }
            if (process.ExitCode != 0)
            {
                reason = $"{ToolName} failed on {svgPath} (exit {process.ExitCode}): {stderr.Result.Trim()}";
                return false;
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            reason = $"{ToolName} could not be started: {ex.Message}";
            return false;
        }
        reason = "";
        return true;
    }

    /// <summary>rsvg-convert on the PATH, or null.</summary>
    public static string? FindTool()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, ToolName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
