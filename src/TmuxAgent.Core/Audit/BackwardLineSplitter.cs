using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace TmuxAgent.Core.Audit;

/// <summary>
/// Reads a file's lines from the end towards the start, a block at a time, in memory bounded by the line limit:
/// what <c>--limit</c> needs to read only the tail of a large log, and the mirror to find its last line.
/// Lines end at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>, as <see cref="LineSplitter"/> reads them; a file
/// ending with a line break has no empty line after it. <see cref="LineSpan.Number"/> counts from the end (1 = last).
/// </summary>
public sealed class BackwardLineSplitter : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly long _length;
    private readonly int _maxLine;
    private readonly int _blockSize;
    private byte[] _buffer;
    private long _bufferStart; // file offset of _buffer[_pos]
    private int _pos;          // data lives in [_pos, _buffer.Length)
    private long _lineEnd;     // end (exclusive) of the next line to hand out, before its terminator
    private bool _terminated;  // whether that line has a terminator after it
    private long _number;
    private bool _done;
    private bool _tailChecked;

    /// <summary>Reads <paramref name="file"/> of <paramref name="length"/> bytes backwards.</summary>
    public BackwardLineSplitter(SafeFileHandle file, long length, int maxLineBytes, int blockSize = 64 * 1024)
    {
        _file = file;
        _length = length;
        _maxLine = maxLineBytes;
        _blockSize = blockSize;
        _buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        _pos = _buffer.Length;
        _bufferStart = length;
        _lineEnd = length;
        _terminated = false;
    }

    /// <summary>Bytes before the start of the last line handed out: what was not read.</summary>
    public long Unread { get; private set; }

    /// <summary>The line before the last one handed out; false at the start of the file.</summary>
    public bool Previous(out LineSpan line, out ReadOnlySpan<byte> bytes)
    {
        line = default;
        bytes = default;
        while (!_done)
        {
            var end = _lineEnd;
            var found = FindStart(out var start, out var terminatorStart, out var tooLong);
            var terminated = _terminated;
            if (found) { _lineEnd = terminatorStart; _terminated = true; }
            else _done = true;
            if (_number == 0 && !terminated && end == start && !_tailChecked) { _tailChecked = true; continue; } // ends with a line break
            _tailChecked = true;
            tooLong |= end - start > _maxLine;
            _number++;
            Unread = start;
            line = new LineSpan(_number, start, end - start, terminated, tooLong);
            bytes = tooLong ? default : _buffer.AsSpan(_pos + (int)(start - _bufferStart), (int)(end - start));
            return true;
        }
        return false;
    }

    /// <summary>Finds where the line ending at <see cref="_lineEnd"/> starts and where the terminator before it starts.</summary>
    private bool FindStart(out long start, out long terminatorStart, out bool tooLong)
    {
        tooLong = false;
        var searchEnd = _lineEnd;
        if (searchEnd < _bufferStart) { _bufferStart = searchEnd; _pos = _buffer.Length; } // a "\r\n" split across blocks
        while (true)
        {
            var data = _buffer.AsSpan(_pos, (int)(searchEnd - _bufferStart));
            var i = data.LastIndexOfAny((byte)'\n', (byte)'\r');
            if (i >= 0)
            {
                start = _bufferStart + i + 1;
                var crlf = data[i] == '\n' && (i > 0 ? data[i - 1] == '\r' : _bufferStart > 0 && PeekCr(_bufferStart - 1));
                terminatorStart = crlf ? start - 2 : start - 1;
                return true;
            }
            if (_bufferStart == 0) { start = 0; terminatorStart = -1; return false; }
            if (_lineEnd - _bufferStart > _maxLine)
            {
                tooLong = true;
                searchEnd = _bufferStart; // forget the bytes of a line that is too long: only its length is reported
            }
            Load(searchEnd);
        }
    }

    private bool PeekCr(long offset)
    {
        Span<byte> one = stackalloc byte[1];
        return RandomAccess.Read(_file, one, offset) == 1 && one[0] == '\r';
    }

    /// <summary>Reads the block before the buffered data, keeping only the bytes of the line being read.</summary>
    private void Load(long keepEnd)
    {
        var kept = (int)(keepEnd - _bufferStart);
        var take = (int)Math.Min(_blockSize, _bufferStart);
        var target = kept + take <= _buffer.Length ? _buffer : ArrayPool<byte>.Shared.Rent(kept + take + _blockSize);
        Buffer.BlockCopy(_buffer, _pos, target, target.Length - kept, kept);
        if (!ReferenceEquals(target, _buffer)) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = target;
        _pos = target.Length - kept - take;
        _bufferStart -= take;
        RandomAccess.Read(_file, _buffer.AsSpan(_pos, take), _bufferStart);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
