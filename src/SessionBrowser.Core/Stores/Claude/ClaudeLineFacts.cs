using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// What the summary needs from one transcript line, read with a forward-only reader that skips
/// every value it does not need: tool results, file contents and thinking (most of a
/// transcript's bytes) are stepped over, never turned into strings. Reads the same fields with
/// the same rules as the parsed-document path (<see cref="ClaudeJson"/>, <see cref="ClaudeLines.Kind"/>,
/// <see cref="ClaudeContent.PromptText"/>): a value of the wrong type counts as absent; of a key
/// given twice the last counts. Key order does not matter.
/// </summary>
internal sealed class ClaudeLineFacts
{
    public string? Type;
    public string? CustomTitle, AiTitle, LastPrompt, Summary;
    public string? Timestamp, Cwd, GitBranch, Uuid, RequestId, Subtype;
    public bool IsSidechain, IsMeta, IsCompactSummary, HasTextContent;
    public bool HasMessage, MessageHasContent, HasUsage;
    public string? Model, MessageId;
    public long Tokens;
    /// <summary>The first non-blank text of the user's message (null when not asked for or none).</summary>
    public string? PromptText;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = ClaudeJson.Options.MaxDepth };

    // Values most lines repeat, read without a new string each (KnownStrings): one reader reads one transcript.
    private static readonly KnownStrings.Known Types = new("assistant", "user", "system", "progress", "attachment",
        "summary", "custom-title", "ai-title", "last-prompt");
    private readonly KnownStrings.Repeated _cwds = new(), _branches = new(), _subtypes = new(), _models = new();

    /// <summary>Shown in the pane: what <see cref="ClaudeLines.Kind"/> says of the parsed line.</summary>
    public ClaudeLineKind Kind => IsSidechain ? ClaudeLineKind.Other : Type switch
    {
        "user" => !IsMeta && MessageHasContent ? ClaudeLineKind.Message : ClaudeLineKind.Other,
        "assistant" => MessageHasContent ? ClaudeLineKind.Message : ClaudeLineKind.Other,
        "system" => Subtype == "compact_boundary" || HasTextContent ? ClaudeLineKind.Message : ClaudeLineKind.Other,
        _ => ClaudeLineKind.Other,
    };

    /// <summary>
    /// Reads one line into this (reused: every field is reset); false when the line is not a JSON
    /// object. <paramref name="wantPrompt"/>: also find the prompt text (a user line's text blocks
    /// are otherwise skipped).
    /// </summary>
    public bool Read(ReadOnlySpan<byte> line, bool wantPrompt)
    {
        Reset();
        try
        {
            var reader = new Utf8JsonReader(line, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                // Still has to be whole JSON to be "not an object" rather than "not JSON"; either is a bad line.
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8)) Type = Types.Read(ref reader);
                else if (reader.ValueTextEquals("message"u8)) ReadMessage(ref reader, wantPrompt);
                else if (reader.ValueTextEquals("timestamp"u8)) Timestamp = JsonValues.String(ref reader);
                else if (reader.ValueTextEquals("cwd"u8)) Cwd = _cwds.Read(ref reader);
                else if (reader.ValueTextEquals("gitBranch"u8)) GitBranch = _branches.Read(ref reader);
                else if (reader.ValueTextEquals("isSidechain"u8)) IsSidechain = True(ref reader);
                else if (reader.ValueTextEquals("isMeta"u8)) IsMeta = True(ref reader);
                else if (reader.ValueTextEquals("isCompactSummary"u8)) IsCompactSummary = True(ref reader);
                else if (reader.ValueTextEquals("uuid"u8)) Uuid = JsonValues.String(ref reader);
                else if (reader.ValueTextEquals("requestId"u8)) RequestId = JsonValues.String(ref reader);
                else if (reader.ValueTextEquals("subtype"u8)) Subtype = _subtypes.Read(ref reader);
                else if (reader.ValueTextEquals("content"u8)) HasTextContent = NonEmptyString(ref reader);
                else if (reader.ValueTextEquals("customTitle"u8)) CustomTitle = JsonValues.String(ref reader);
                else if (reader.ValueTextEquals("aiTitle"u8)) AiTitle = JsonValues.String(ref reader);
                else if (reader.ValueTextEquals("lastPrompt"u8)) LastPrompt = JsonValues.String(ref reader);
                else if (reader.ValueTextEquals("summary"u8)) Summary = JsonValues.String(ref reader);
                else JsonValues.Skip(ref reader);
            }
            // Reaching the end proves the line is whole JSON; trailing text throws.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void Reset()
    {
        Type = CustomTitle = AiTitle = LastPrompt = Summary = Timestamp = Cwd = GitBranch = Uuid = RequestId = Subtype = null;
        Model = MessageId = PromptText = null;
        IsSidechain = IsMeta = IsCompactSummary = HasTextContent = HasMessage = MessageHasContent = HasUsage = false;
        Tokens = 0;
    }

    private void ReadMessage(ref Utf8JsonReader reader, bool wantPrompt)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        // A later "message" key replaces an earlier one whole, as the document reader sees it.
        HasMessage = true;
        MessageHasContent = HasUsage = false;
        Model = MessageId = PromptText = null;
        Tokens = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8)) ReadContent(ref reader, wantPrompt);
            else if (reader.ValueTextEquals("model"u8)) Model = _models.Read(ref reader);
            else if (reader.ValueTextEquals("id"u8)) MessageId = JsonValues.String(ref reader);
            else if (reader.ValueTextEquals("usage"u8)) ReadUsage(ref reader);
            else JsonValues.Skip(ref reader);
        }
    }

    /// <summary>Whether there is content (a non-empty string or array) and, when wanted, the prompt's text.</summary>
    private void ReadContent(ref Utf8JsonReader reader, bool wantPrompt)
    {
        reader.Read();
        PromptText = null;
        if (reader.TokenType == JsonTokenType.String)
        {
            MessageHasContent = reader.ValueSpan.Length > 0;
            // Only a user line's string is a prompt; the type may come after the message.
            if (wantPrompt && Type is null or "user") PromptText = reader.GetString();
            return;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            MessageHasContent = false;
            reader.Skip();
            return;
        }
        bool any = false;
        bool lookForText = wantPrompt && Type is null or "user";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            any = true;
            if (lookForText && PromptText is null && reader.TokenType == JsonTokenType.StartObject)
            {
                if (TextBlock(ref reader) is { } text && !string.IsNullOrWhiteSpace(text)) PromptText = text;
            }
            else reader.Skip();
        }
        MessageHasContent = any;
    }

    /// <summary>A block's text when its type is "text" (read to its end either way).</summary>
    private static string? TextBlock(ref Utf8JsonReader reader)
    {
        string? type = null, text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) type = JsonValues.String(ref reader);
            else if (reader.ValueTextEquals("text"u8)) text = JsonValues.String(ref reader);
            else JsonValues.Skip(ref reader);
        }
        return type == "text" ? text : null;
    }

    private void ReadUsage(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            HasUsage = false;
            reader.Skip();
            return;
        }
        HasUsage = true;
        long input = 0, creation = 0, cacheRead = 0, output = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8)) input = Number(ref reader);
            else if (reader.ValueTextEquals("cache_creation_input_tokens"u8)) creation = Number(ref reader);
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8)) cacheRead = Number(ref reader);
            else if (reader.ValueTextEquals("output_tokens"u8)) output = Number(ref reader);
            else JsonValues.Skip(ref reader);
        }
        Tokens = input + creation + cacheRead + output;
    }

    private static bool True(ref Utf8JsonReader reader)
    {
        reader.Read();
        bool value = reader.TokenType == JsonTokenType.True;
        reader.Skip();
        return value;
    }

    private static bool NonEmptyString(ref Utf8JsonReader reader)
    {
        reader.Read();
        bool value = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
        reader.Skip();
        return value;
    }

    /// <summary>A positive whole number, else 0 (as <see cref="ClaudeJson.Number"/>).</summary>
    private static long Number(ref Utf8JsonReader reader)
    {
        reader.Read();
        long value = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long number) && number > 0 ? number : 0;
        reader.Skip();
        return value;
    }
}
