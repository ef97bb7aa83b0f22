using System.Buffers.Binary;
using System.Text;
using TmuxAgent.Core.Files;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Host.Store;

/// <summary>
/// A cheap look at the SQLite store file on disk (its first 100 bytes) before the host trusts it again.
/// SQLite keeps pages it already read in memory and writes new ones to the WAL, so a file truncated, deleted or
/// overwritten under a running host is not noticed by SQLite itself until long after; this check notices at the next
/// read or append, so the host stops acting instead of recording into a file that will not open again.
/// </summary>
public static class SqliteFileCheck
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>Throws when <paramref name="path"/> is not (any more) a plausible SQLite database file.</summary>
    /// <exception cref="SqliteStoreException">Missing, truncated, a header that is not SQLite's, or no longer a regular file (a symbolic link put in its place).</exception>
    public static void Check(string path)
    {
        Span<byte> header = stackalloc byte[100];
        long length;
        try
        {
            using var f = RegularFile.Open(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 1 }, "event store");
            length = f.Length;
            if (length < header.Length) throw Damaged(path, $"the file is truncated ({length} bytes)");
            f.ReadExactly(header);
        }
        catch (UnsafeFileException e) { throw new SqliteStoreException(path, e.Reason, e); }
        catch (FileNotFoundException) { throw Damaged(path, "the file is gone (deleted or moved while the host ran)"); }
        catch (DirectoryNotFoundException) { throw Damaged(path, "the file's directory is gone"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new SqliteStoreException(path, "cannot read the event store file: " + e.Message, e); }

        if (!header[..16].SequenceEqual(Magic)) throw Damaged(path, "the file header is not SQLite's (overwritten?)");
        var rawPageSize = BinaryPrimitives.ReadUInt16BigEndian(header[16..]);
        var pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
        if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0) throw Damaged(path, $"the header's page size {pageSize} is invalid");
        if (header[18] is not (1 or 2) || header[19] is not (1 or 2)) throw Damaged(path, "the header's format version bytes are invalid");
        // The header's page count is not compared with the file's length: after a kill -9 during a checkpoint the file
        // may be shorter than page 1 says, and SQLite recovers that from the WAL. Missing pages are SQLite's to find.
    }

    private static SqliteStoreException Damaged(string path, string why) => new(path,
        $"not a usable SQLite event store any more: {why}. The host records and dispatches nothing until the file is restored " +
        "(stop the host, restore the file, start it again; see docs/host.md, \"Storage faults\")");
}
