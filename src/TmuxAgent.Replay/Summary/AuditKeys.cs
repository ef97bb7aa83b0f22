using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace TmuxAgent.Replay.Summary;

/// <summary>The keys of an audit line the replay reads, by where they may stand.</summary>
internal enum AuditKey { Other, Ts, Event, Branch, Queued, DryRun, Command, Status, Meta, Payload, Text, QueueId, CommandId }

/// <summary>The one key table of both line scanners (<see cref="FastLineScan"/> and <see cref="LineScanner"/>).</summary>
internal static class AuditKeys
{
    /// <summary>Which key <paramref name="k"/> (unescaped UTF-8) is at nesting <paramref name="level"/> (0: the line's object, 1:
    /// <c>payload</c>, 2: <c>payload.meta</c>, 3: the top-level <c>meta</c>): compared as little-endian integers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AuditKey Of(ReadOnlySpan<byte> k, int level)
    {
        switch (level)
        {
            case 0:
                switch (k.Length)
                {
                    case 2: return U16(k, 0) == 0x7374 ? AuditKey.Ts : AuditKey.Other;                                   // ts
                    case 4: return U32(k, 0) == 0x6174656d ? AuditKey.Meta : AuditKey.Other;                              // meta
                    case 5: return U32(k, 0) == 0x6e657665 && k[4] == 't' ? AuditKey.Event : AuditKey.Other;              // event
                    case 6:
                    {
                        var (a, b) = (U32(k, 0), U16(k, 4));
                        return a == 0x6e617262 && b == 0x6863 ? AuditKey.Branch                                       // branch
                            : a == 0x75657571 && b == 0x6465 ? AuditKey.Queued                                       // queued
                            : a == 0x74617473 && b == 0x7375 ? AuditKey.Status : AuditKey.Other;                          // status
                    }
                    case 7:
                    {
                        var (a, b) = (U32(k, 0), U32(k, 3));
                        return a == 0x6c796170 && b == 0x64616f6c ? AuditKey.Payload                                  // payload
                            : a == 0x5f797264 && b == 0x6e75725f ? AuditKey.DryRun                                   // dry_run
                            : a == 0x6d6d6f63 && b == 0x646e616d ? AuditKey.Command : AuditKey.Other;                     // command
                    }
                    default: return AuditKey.Other;
                }
            case 1:
                if (k.Length != 4) return AuditKey.Other;
                var w = U32(k, 0);
                return w == 0x74786574 ? AuditKey.Text : w == 0x6174656d ? AuditKey.Meta : AuditKey.Other;                     // text, meta
            case 2 when k.Length == 8: return U64(k) == 0x64695f6575657571 ? AuditKey.QueueId : AuditKey.Other;           // queue_id
            case 2 or 3 when k.Length == 10: return U64(k) == 0x5f646e616d6d6f63 && U16(k, 8) == 0x6469 ? AuditKey.CommandId : AuditKey.Other; // command_id
            default: return AuditKey.Other;
        }
    }

    private static ushort U16(ReadOnlySpan<byte> k, int at) => BinaryPrimitives.ReadUInt16LittleEndian(k[at..]);
    private static uint U32(ReadOnlySpan<byte> k, int at) => BinaryPrimitives.ReadUInt32LittleEndian(k[at..]);
    private static ulong U64(ReadOnlySpan<byte> k) => BinaryPrimitives.ReadUInt64LittleEndian(k);
}
