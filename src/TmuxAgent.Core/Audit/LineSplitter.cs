using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace TmuxAgent.Core.Audit;

/// <summary>Where one line of a JSONL file lies.</summary>
/// <param name="Number">1-based line number (relative to where the splitter started).</param>
/// <param name="Offset">Byte offset of the line's first byte in the file.</param>
/// <param name="Length">Bytes in the line, without its terminator.</param>
/// <param name="Terminated">False for a last line without a line break (possibly torn).</param>
/// <param name="TooLong">True when the line exceeded the limit; its bytes were not kept.</param>
public readonly record struct LineSpan(long Number, long Offset, long Length, bool Terminated, bool TooLong);

/// <summary>
/// Splits a byte range of a file into lines in constant memory (one pooled buffer, never more than the line limit).
/// Lines end at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>, as Python's text mode reads them.
/// A line longer than the limit is reported with <see cref="LineSpan.TooLong"/> and its bytes discarded.
/// </summary>
public sealed class LineSplitter : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly long _end;
    private readonly int _maxLine;
    private byte[] _buffer;
    private long _bufferOffset;   // file offset of _buffer[0]
    private int _start;           // first unconsumed byte
    private int _count;           // valid bytes in _buffer
    private long _nextLine;
    private bool _eof;

    /// <summary>Splits <c>[start, end)</c> of <paramref name="file"/>; lines are numbered from <paramref name="firstLineNumber"/>.</summary>
    public LineSplitter(SafeFileHandle file, long start, long end, int maxLineBytes, long firstLineNumber = 1, int readSize = 1 << 20)
    {
        _file = file;
        _end = end;
        _maxLine = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(readSize, 1));
        _bufferOffset = start;
        _nextLine = firstLineNumber;
    }

    /// <summary>Lines handed out so far.</summary>
    public long LinesRead => _nextLine - 1;

    /// <summary>The next line and its bytes (valid until the next call); false at the end of the range.</summary>
    public bool Next(out LineSpan line, out ReadOnlySpan<byte> bytes)
    {
        var scanned = 0; // bytes after _start known to hold no terminator
        while (true)
        {
            var i = _buffer.AsSpan(_start + scanned, _count - _start - scanned).IndexOfAny((byte)'\n', (byte)'\r');
            if (i >= 0)
            {
                var at = _start + scanned + i;
                if (_buffer[at] != '\r' || at + 1 < _count || _eof) return Emit(at, out line, out bytes);
                scanned = at - _start; // a '\r' at the end of the data: read on to see whether '\n' follows
                Fill();
                continue;
            }
            if (_eof)
            {
                if (_count == _start) { line = default; bytes = default; return false; }
                return EmitLast(out line, out bytes);
            }
            scanned = _count - _start;
            if (scanned > _maxLine) return SkipLong(out line, out bytes);
            Fill();
        }
    }

    private bool Emit(int at, out LineSpan line, out ReadOnlySpan<byte> bytes)
    {
        var length = at - _start;
        var terminator = _buffer[at] == '\r' && at + 1 < _count && _buffer[at + 1] == '\n' ? 2 : 1;
        var tooLong = length > _maxLine;
        line = new LineSpan(_nextLine++, _bufferOffset + _start, length, true, tooLong);
        bytes = tooLong ? default : _buffer.AsSpan(_start, length);
        _start = at + terminator;
        return true;
    }

    private bool EmitLast(out LineSpan line, out ReadOnlySpan<byte> bytes)
    {
        var length = _count - _start;
        var tooLong = length > _maxLine;
        line = new LineSpan(_nextLine++, _bufferOffset + _start, length, false, tooLong);
        bytes = tooLong ? default : _buffer.AsSpan(_start, length);
        _start = _count;
        return true;
    }

    /// <summary>Discards a line longer than the limit up to its terminator, keeping only its length.</summary>
    private bool SkipLong(out LineSpan line, out ReadOnlySpan<byte> bytes)
    {
        var offset = _bufferOffset + _start;
        long length = 0;
        bytes = default;
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _count - _start);
            var i = pending.IndexOfAny((byte)'\n', (byte)'\r');
            if (i >= 0)
            {
                var at = _start + i;
                length += i;
                if (_buffer[at] == '\r' && at + 1 == _count && !_eof) { _start = at; Fill(); continue; }
                _start = at + (_buffer[at] == '\r' && at + 1 < _count && _buffer[at + 1] == '\n' ? 2 : 1);
                line = new LineSpan(_nextLine++, offset, length, true, true);
                return true;
            }
            length += pending.Length;
            _start = _count;
            if (_eof)
            {
                line = new LineSpan(_nextLine++, offset, length, false, true);
                return true;
            }
            Fill();
        }
    }

    /// <summary>Moves unconsumed bytes to the front (growing up to the line limit) and reads more. False at the end.</summary>
    private bool Fill()
    {
        var live = _count - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, live);
            _bufferOffset += _start;
            _start = 0;
            _count = live;
        }
        if (_count == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _count);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        var fileOffset = _bufferOffset + _count;
        var want = (int)Math.Min(_buffer.Length - _count, _end - fileOffset);
        var read = want <= 0 ? 0 : RandomAccess.Read(_file, _buffer.AsSpan(_count, want), fileOffset);
        _count += read;
        if (read == 0) _eof = true;
        return read > 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
