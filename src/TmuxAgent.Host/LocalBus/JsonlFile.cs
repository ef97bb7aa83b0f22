using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TmuxAgent.Host.LocalBus;

/// <summary>Appends one JSON object per line (whole lines only, so readers never see half a record of ours).</summary>
public static class JsonlFile
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Appends <paramref name="record"/> to <paramref name="path"/>, creating folders as needed.</summary>
    public static void Append(string path, JsonObject record)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var bytes = Encoding.UTF8.GetBytes(record.ToJsonString(Options) + "\n");
        using var f = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        f.Write(bytes);
        f.Flush(flushToDisk: true);
    }
}
