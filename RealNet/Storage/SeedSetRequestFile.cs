using System.Globalization;
using System.Text;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Storage;

/// <summary>
/// An operator's change of the seed set handed to a running seed (issue 56, 2): the <c>seed-set</c> command writes
/// <c>seedset.request</c> into the seed's state directory (renamed into place whole), the seed takes it within a second, deletes it
/// and writes its answer to <c>seedset.answer</c>. Whoever can write the seed's state directory can hand it a change, but only one
/// the operator's key signed is proposed, and the other seeds check that signature too. Text, one field a line:
/// <c>change add|remove|replace</c>, <c>address IP:PORT</c> (the seed added or removed, or the new one), <c>key BASE64</c> (the
/// new seed's public key), <c>replaces IP:PORT</c>, <c>from-version N</c> (the set's version the approval is for),
/// <c>approval BASE64</c>.
/// </summary>
public static class SeedSetRequestFile
{
    public const string RequestName = "seedset.request";
    public const string AnswerName = "seedset.answer";
    /// <summary>A request is a few hundred bytes; a larger file is refused unread.</summary>
    public const int MaxBytes = 4096;

    /// <summary>What the file says: the change (its key as the text given), the version its approval is for, the approval.</summary>
    public sealed record Request(SeedSetChangeKind Kind, NodeAddress Seed, string? Key, NodeAddress Replaced, long FromVersion,
        byte[] Approval);

    public static string Format(Request r)
    {
        var sb = new StringBuilder();
        sb.Append("change ").Append(KindName(r.Kind)).Append('\n');
        sb.Append("address ").Append(r.Seed).Append('\n');
        if (r.Key != null) sb.Append("key ").Append(r.Key).Append('\n');
        if (r.Kind == SeedSetChangeKind.Replace) sb.Append("replaces ").Append(r.Replaced).Append('\n');
        sb.Append("from-version ").Append(r.FromVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("approval ").Append(Convert.ToBase64String(r.Approval)).Append('\n');
        return sb.ToString();
    }

    public static string KindName(SeedSetChangeKind kind) => kind switch
    {
        SeedSetChangeKind.Add => "add",
        SeedSetChangeKind.Remove => "remove",
        _ => "replace",
    };

    /// <summary>The request in <paramref name="text"/>; throws <see cref="FormatException"/> naming the line and field when it is not one.</summary>
    public static Request Parse(string text, string fileName)
    {
        var fields = new Dictionary<string, (string Value, int Line)>();
        int lineNo = 0;
        foreach (string raw in text.Split('\n'))
        {
            lineNo++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int space = line.IndexOf(' ');
            if (space < 0) throw new FormatException($"{fileName}:{lineNo}: expected 'field value', got '{line}'");
            string name = line[..space], value = line[(space + 1)..].Trim();
            if (name is not ("change" or "address" or "key" or "replaces" or "from-version" or "approval"))
                throw new FormatException($"{fileName}:{lineNo}: unknown field '{name}' (expected change, address, key, replaces, "
                    + "from-version or approval)");
            if (!fields.TryAdd(name, (value, lineNo)))
                throw new FormatException($"{fileName}:{lineNo}: field '{name}' given twice");
        }
        string Required(string name) => fields.TryGetValue(name, out var f) ? f.Value
            : throw new FormatException($"{fileName}: field '{name}' is missing");
        NodeAddress AddressOf(string name)
        {
            string value = Required(name);
            return NodeAddress.TryParse(value, out var a, out string error) ? a
                : throw new FormatException($"{fileName}:{fields[name].Line}: {name}: {error}");
        }
        var kind = Required("change") switch
        {
            "add" => SeedSetChangeKind.Add,
            "remove" => SeedSetChangeKind.Remove,
            "replace" => SeedSetChangeKind.Replace,
            var other => throw new FormatException($"{fileName}:{fields["change"].Line}: change: expected add, remove or replace, got '{other}'"),
        };
        var seed = AddressOf("address");
        string? key = fields.TryGetValue("key", out var k) ? k.Value : null;
        if (kind != SeedSetChangeKind.Remove && key == null)
            throw new FormatException($"{fileName}: field 'key' is missing: a seed brought in is pinned by its public key");
        var replaced = kind == SeedSetChangeKind.Replace ? AddressOf("replaces") : default;
        string versionText = Required("from-version");
        if (!long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out long version))
            throw new FormatException($"{fileName}:{fields["from-version"].Line}: from-version: expected a whole number, got '{versionText}'");
        byte[] approval;
        try
        {
            approval = Convert.FromBase64String(Required("approval"));
        }
        catch (FormatException)
        {
            throw new FormatException($"{fileName}:{fields["approval"].Line}: approval: not base64");
        }
        return new Request(kind, seed, key, replaced, version, approval);
    }

    /// <summary>How long a running seed may take to answer a request (it looks once a second).</summary>
    public static readonly TimeSpan AnswerPatience = TimeSpan.FromSeconds(10);

    /// <summary>What a seed said of a request handed to it: taken (null <see cref="Refusal"/>: proposed) or refused and why; or
    /// not taken within <see cref="AnswerPatience"/> (no seed runs with this state directory: the request is taken back).</summary>
    public sealed record Answer(bool Taken, string? Refusal, string Said);

    /// <summary>Hands <paramref name="request"/> to the seed whose state directory is <paramref name="stateDir"/> and waits for its
    /// answer: what the <c>seed-set</c> command and a launcher's seed-set change both do.</summary>
    public static Answer Hand(string stateDir, Request request) => Hand(new LocalStateFolder(stateDir), request, TimeSpan.FromMilliseconds(50));

    /// <summary>
    /// The same through <paramref name="folder"/>, a seed's state directory wherever it is (here, or in a container engine's volume):
    /// the request written whole, the answer looked for every <paramref name="look"/> for <see cref="AnswerPatience"/>, and the request
    /// taken back when none came. A look that fails (an engine slow to answer once) is tried again at the next.
    /// </summary>
    public static Answer Hand(IStateFolder folder, Request request, TimeSpan look)
    {
        folder.Delete(AnswerName);
        folder.WriteWhole(RequestName, Format(request));
        var until = DateTime.UtcNow + AnswerPatience;
        while (DateTime.UtcNow < until)
        {
            Thread.Sleep(look);
            string? said;
            try
            {
                said = folder.Read(AnswerName);
            }
            catch (IOException)
            {
                continue;
            }
            if (said != null) return AnswerOf(said);
        }
        folder.Delete(RequestName);
        return new Answer(false, null, "");
    }

    /// <summary>A seed's state directory as a hand-over reaches it: by file name, each file read or written whole.</summary>
    public interface IStateFolder
    {
        /// <summary>The file's text, or null when there is none.</summary>
        string? Read(string name);
        void WriteWhole(string name, string text);
        void Delete(string name);
    }

    /// <summary>A state directory on this machine.</summary>
    private sealed class LocalStateFolder(string dir) : IStateFolder
    {
        public string? Read(string name) => File.Exists(Path.Combine(dir, name)) ? File.ReadAllText(Path.Combine(dir, name)) : null;
        public void WriteWhole(string name, string text) => SeedSetRequestFile.WriteWhole(Path.Combine(dir, name), text);
        public void Delete(string name) => File.Delete(Path.Combine(dir, name));
    }

    /// <summary>A seed's answer as its <c>seedset.answer</c> says it: "refused: why", or what it proposed.</summary>
    public static Answer AnswerOf(string text)
    {
        string said = text.Trim();
        const string refused = "refused: ";
        return new Answer(true, said.StartsWith(refused, StringComparison.Ordinal) ? said[refused.Length..] : null, said);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> whole: a temp file renamed over it, so a reader never sees half.</summary>
    public static void WriteWhole(string path, string text)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
