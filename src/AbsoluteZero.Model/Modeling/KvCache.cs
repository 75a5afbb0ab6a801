using static TorchSharp.torch;

namespace AbsoluteZero.Model;

/// <summary>
/// A preallocated key/value cache for batched decoding: per layer keys and values [B, Hkv, Capacity, D] in the model
/// dtype, which slots hold real tokens ([B, Capacity] bool; left padding is false), and each row's next position id
/// ([B] int64). All rows advance in lockstep (<see cref="Length"/> slots used), so ragged prompts are left-padded.
/// Everything stays on the device: appending never synchronises with the host.
/// </summary>
public sealed class KvCache : IDisposable
{
    internal Tensor[] Keys { get; }
    internal Tensor[] Values { get; }
    internal Tensor KeyValid { get; }
    internal Tensor NextPosition { get; }

    /// <summary>Rows (sequences) held.</summary>
    public int BatchSize { get; }
    /// <summary>Slots per row.</summary>
    public int Capacity { get; }
    /// <summary>Slots filled so far (the same for every row).</summary>
    public int Length { get; internal set; }

    private KvCache(Tensor[] keys, Tensor[] values, Tensor keyValid, Tensor nextPosition, int batchSize, int capacity)
    {
        Keys = keys;
        Values = values;
        KeyValid = keyValid;
        NextPosition = nextPosition;
        BatchSize = batchSize;
        Capacity = capacity;
        foreach (var t in keys.Concat(values).Append(keyValid).Append(nextPosition)) t.DetachFromDisposeScope();
    }

    /// <summary>An empty cache for <paramref name="batchSize"/> rows of up to <paramref name="capacity"/> tokens.</summary>
    public static KvCache Create(CausalLM model, int batchSize, int capacity)
    {
        var c = model.Config;
        if (capacity > c.MaxPositionEmbeddings)
            throw new ArgumentException($"KV cache capacity {capacity} exceeds the model's max_position_embeddings {c.MaxPositionEmbeddings}");
        long[] shape = [batchSize, c.NumKvHeads, capacity, c.HeadDim];
        var keys = new Tensor[c.NumLayers];
        var values = new Tensor[c.NumLayers];
        for (int i = 0; i < c.NumLayers; i++)
        {
            keys[i] = zeros(shape, model.DType, model.Device);
            values[i] = zeros(shape, model.DType, model.Device);
        }
        return new KvCache(keys, values, zeros([batchSize, capacity], ScalarType.Bool, model.Device),
            zeros([batchSize], ScalarType.Int64, model.Device), batchSize, capacity);
    }

    /// <summary>
    /// A new cache with every row repeated <paramref name="n"/> times (row r → rows r·n … r·n+n−1), copying only the
    /// filled slots: prefill once, then decode n samples per prompt.
    /// </summary>
    /// <param name="n">Copies of each row.</param>
    /// <param name="capacity">Slots per row of the new cache (default: this cache's capacity); at least <see cref="Length"/>.</param>
    public KvCache Fork(int n, int? capacity = null)
    {
        int slots = capacity ?? Capacity;
        if (n < 1 || slots < Length) throw new ArgumentException($"cannot fork {BatchSize} rows ×{n} into capacity {slots} (filled {Length})");
        using var scope = NewDisposeScope();
        int rows = BatchSize * n;
        var keys = new Tensor[Keys.Length];
        var values = new Tensor[Values.Length];
        for (int i = 0; i < Keys.Length; i++)
        {
            keys[i] = Repeat(Keys[i], n, slots).MoveToOuterDisposeScope();
            values[i] = Repeat(Values[i], n, slots).MoveToOuterDisposeScope();
        }
        var valid = zeros([rows, slots], ScalarType.Bool, KeyValid.device);
        if (Length > 0) valid.narrow(1, 0, Length).copy_(KeyValid.narrow(1, 0, Length).repeat_interleave(n, 0));
        valid.MoveToOuterDisposeScope();
        var next = NextPosition.repeat_interleave(n, 0).MoveToOuterDisposeScope();
        return new KvCache(keys, values, valid, next, rows, slots) { Length = Length };
    }

    private Tensor Repeat(Tensor source, int n, int slots)
    {
        var shape = source.shape.ToArray();
        shape[0] *= n;
        shape[2] = slots;
        var target = zeros(shape, source.dtype, source.device);
        if (Length > 0) target.narrow(2, 0, Length).copy_(source.narrow(2, 0, Length).repeat_interleave(n, 0));
        return target;
    }

    /// <summary>Frees the device memory.</summary>
    public void Dispose()
    {
        foreach (var t in Keys.Concat(Values).Append(KeyValid).Append(NextPosition)) t.Dispose();
    }
}
