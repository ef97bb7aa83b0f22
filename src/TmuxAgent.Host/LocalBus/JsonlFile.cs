using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TmuxAgent.Core.Files;

namespace TmuxAgent.Host.LocalBus;

/// <summary>Appends one JSON object per line (whole lines only, so readers never see half a record of ours).</summary>
public static class JsonlFile
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Appends <paramref name="record"/> to <paramref name="path"/>, creating folders as needed.</summary>
    /// <exception cref="UnsafeFileException"><paramref name="path"/> is a symbolic link or not a regular file (nothing written).</exception>
    public static void Append(string path, JsonObject record)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        RegularFile.Append(path, Encoding.UTF8.GetBytes(record.ToJsonString(Options) + "\n"), "LocalBus file", flushToDisk: true);
    }
}
