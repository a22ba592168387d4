<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CheckReportModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>{0} — why: {1}</source>
        <translation>{0}——原因：{1}</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>line too long</source>
        <translation>行过长</translation>
    </message>
    <message>
        <source>too many lines</source>
        <translation>行数过多</translation>
    </message>
    <message>
        <source>too fast</source>
        <translation>过快</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>过短</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>过长</translation>
    </message>
    <message>
        <source>overlap</source>
        <translation>重叠</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>间隔</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare versions</source>
        <translation>比较版本</translation>
    </message>
    <message>
        <source>Take this change from the right</source>
        <translation>采用右侧的这处改动</translation>
    </message>
    <message>
        <source>Take every change from the right</source>
        <translation>采用右侧的全部改动</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>This text (being edited)</source>
        <translation>当前文本（正在编辑）</translation>
    </message>
    <message>
        <source>The other version</source>
        <translation>另一个版本</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>比较对象</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>The comparison failed: {0}</source>
        <translation>比较失败：{0}</translation>
    </message>
    <message>
        <source>{0} {1}; {2:.0%} of the words are the same</source>
        <translation>{0} {1}；{2:.0%} 的词相同</translation>
    </message>
    <message>
        <source>change</source>
        <translation>处改动</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>处改动</translation>
    </message>
    <message>
        <source>The two versions have the same words</source>
        <translation>两个版本的词完全相同</translation>
    </message>
    <message>
        <source>Take change from the other version</source>
        <translation>采用另一版本的改动</translation>
    </message>
    <message>
        <source>Take every change from the other version</source>
        <translation>采用另一版本的全部改动</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Tingxie hit an error</source>
        <translation>听写遇到了错误</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Tingxie hit an error; your work is saved; the report is in {0}.
{1}</source>
        <translation>听写遇到了错误；您的工作已保存；报告位于 {0}。
{1}</translation>
    </message>
    <message>
        <source>Tingxie hit an error; your work is saved. The report could not be written to the data folder; copy it from here. The log is {0}.
{1}</source>
        <translation>听写遇到了错误；您的工作已保存。报告无法写入数据文件夹，请从这里复制。日志位于 {0}。
{1}</translation>
    </message>
</context>
<context>
    <name>CueTextEdit</name>
    <message>
        <source>Select a cue to edit its text</source>
        <translation>选择一条字幕以编辑其文本</translation>
    </message>
</context>
<context>
    <name>EditSession</name>
    <message>
        <source>Edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>所有更改已保存</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>Word or phrase</source>
        <translation>词或短语</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>转写稿</translation>
    </message>
    <message>
        <source>Manage…</source>
        <translation>管理…</translation>
    </message>
    <message>
        <source>Create, edit and delete custom presets</source>
        <translation>创建、编辑和删除自定义预设</translation>
    </message>
    <message>
        <source>fps</source>
        <translation>帧/秒</translation>
    </message>
    <message>
        <source>No conversion</source>
        <translation>不转换</translation>
    </message>
    <message>
        <source>Timestamps</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Speaker turns</source>
        <translation>说话人轮次</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Items to export</source>
        <translation>要导出的条目</translation>
    </message>
    <message>
        <source>Source only</source>
        <translation>仅原文</translation>
    </message>
    <message>
        <source>Upper language size</source>
        <translation>上方语言字号</translation>
    </message>
    <message>
        <source>Lower language size</source>
        <translation>下方语言字号</translation>
    </message>
    <message>
        <source>Stacked at the bottom</source>
        <translation>都在底部，上下叠放</translation>
    </message>
    <message>
        <source>Top and bottom</source>
        <translation>一个在顶部，一个在底部</translation>
    </message>
    <message>
        <source>Re-break lines</source>
        <translation>重新断行</translation>
    </message>
    <message>
        <source>Break each translated line where the target language's preset wants it</source>
        <translation>按目标语言预设的要求为每条译文重新断行</translation>
    </message>
    <message>
        <source>Upper</source>
        <translation>上方</translation>
    </message>
    <message>
        <source>Lower</source>
        <translation>下方</translation>
    </message>
    <message>
        <source>ASS styles</source>
        <translation>ASS 样式</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Track {0}</source>
        <translation>字幕轨 {0}</translation>
    </message>
    <message>
        <source>{0} only</source>
        <translation>仅{0}</translation>
    </message>
    <message>
        <source>Bilingual: source over {0}</source>
        <translation>双语：原文在上，{0}在下</translation>
    </message>
    <message>
        <source>Bilingual: {0} over source</source>
        <translation>双语：{0}在上，原文在下</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message numerus="yes">
        <source>%n cues</source>
        <translation>
            <numerusform>%n 条字幕</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n errors</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warnings</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message numerus="yes">
        <source>(%n forced by the speech — see why)</source>
        <translation>
            <numerusform>（其中 %n 个由语音决定，无法避免——查看原因）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>folder for %n files</source>
        <translation>
            <numerusform>存放 %n 个文件的文件夹</numerusform>
        </translation>
    </message>
    <message>
        <source>file to write</source>
        <translation>要写入的文件</translation>
    </message>
    <message>
        <source>Nothing to export: the library is empty.</source>
        <translation>没有可导出的内容：资料库为空。</translation>
    </message>
    <message>
        <source>The check applies to subtitle formats.</source>
        <translation>检查仅适用于字幕格式。</translation>
    </message>
    <message>
        <source>A subtitle track exports as SRT, WebVTT, ASS or CSV; choose one of those.</source>
        <translation>字幕轨可导出为 SRT、WebVTT、ASS 或 CSV，请选择其中一种。</translation>
    </message>
    <message>
        <source>A translated track exports as SRT, WebVTT or ASS; choose one of those.</source>
        <translation>翻译后的字幕轨道可导出为 SRT、WebVTT 或 ASS，请选择其中一种。</translation>
    </message>
    <message>
        <source>{0} ({1}, checked as {2})</source>
        <translation>{0}（{1}，按 {2} 检查）</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>{0} (*{1})</source>
        <translation>{0} (*{1})</translation>
    </message>
    <message>
        <source>Export as</source>
        <translation>导出为</translation>
    </message>
    <message>
        <source>Check at least one item to export.</source>
        <translation>请至少勾选一个要导出的条目。</translation>
    </message>
    <message>
        <source>Choose where to save the export first.</source>
        <translation>请先选择导出的保存位置。</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n files: </source>
        <translation>
            <numerusform>已导出 %n 个文件：</numerusform>
        </translation>
    </message>
    <message>
        <source>a subtitle track exports as SRT, WebVTT, ASS or CSV, not {0}</source>
        <translation>字幕轨只能导出为 SRT、WebVTT、ASS 或 CSV，不能导出为 {0}</translation>
    </message>
    <message>
        <source>a translated track exports as SRT, WebVTT or ASS, not {0}</source>
        <translation>翻译后的字幕轨道只能导出为 SRT、WebVTT 或 ASS，不能导出为 {0}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All channels (merged)</source>
        <translation>所有声道（合并）</translation>
    </message>
    <message>
        <source>Channel {0}</source>
        <translation>声道 {0}</translation>
    </message>
    <message>
        <source>All speakers</source>
        <translation>所有说话人</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>所有标签</translation>
    </message>
    <message numerus="yes">
        <source>%n sentences</source>
        <translation>
            <numerusform>%n 个句子</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of %n sentences</source>
        <translation>
            <numerusform>{0} / %n 个句子</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Whole word</source>
        <translation>全词匹配</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
</context>
<context>
    <name>GlossaryTable</name>
    <message>
        <source>Term</source>
        <translation>术语</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <source>Add term</source>
        <translation>添加术语</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>result JSON, .srt, .vtt or .ass</source>
        <translation>结果 JSON、.srt、.vtt 或 .ass</translation>
    </message>
    <message>
        <source>optional: the audio or video it belongs to</source>
        <translation>可选：所属的音频或视频</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>Choose the media</source>
        <translation>选择媒体</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>媒体</translation>
    </message>
    <message>
        <source>Results and subtitles (*.json *.srt *.vtt *.ass)</source>
        <translation>结果和字幕 (*.json *.srt *.vtt *.ass)</translation>
    </message>
    <message>
        <source>Audio and video ({0})</source>
        <translation>音频和视频 ({0})</translation>
    </message>
    <message>
        <source>Choose the file to import first.</source>
        <translation>请先选择要导入的文件。</translation>
    </message>
</context>
<context>
    <name>KeyBanner</name>
    <message>
        <source>No DashScope API key yet. The library, the editor and the sample work without one; to transcribe your own files, enter a key.</source>
        <translation>尚未设置 DashScope API 密钥。资料库、编辑器和示例无需密钥即可使用；要转写你自己的文件，请输入密钥。</translation>
    </message>
    <message>
        <source>Enter API key…</source>
        <translation>输入 API 密钥…</translation>
    </message>
    <message>
        <source>Open the sample</source>
        <translation>打开示例</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Reviewed</source>
        <translation>已校对</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>校对中</translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <translation>未校对</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>{0} of {1} sentences reviewed</source>
        <translation>已校对 {0} / {1} 个句子</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Any date</source>
        <translation>任意日期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Any length</source>
        <translation>任意时长</translation>
    </message>
    <message>
        <source>Under 5 minutes</source>
        <translation>5 分钟以内</translation>
    </message>
    <message>
        <source>5 to 30 minutes</source>
        <translation>5 到 30 分钟</translation>
    </message>
    <message>
        <source>30 minutes to 2 hours</source>
        <translation>30 分钟到 2 小时</translation>
    </message>
    <message>
        <source>Over 2 hours</source>
        <translation>2 小时以上</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <translation>未校对</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>校对中</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已校对</translation>
    </message>
    <message>
        <source>&lt;b&gt;Library&lt;/b&gt;</source>
        <translation>&lt;b&gt;资料库&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Search titles and every transcript…</source>
        <translation>搜索标题和所有转写文本…</translation>
    </message>
    <message>
        <source>Any model</source>
        <translation>任意模型</translation>
    </message>
    <message>
        <source>Any emotion or sound</source>
        <translation>任意情绪或声音</translation>
    </message>
    <message>
        <source>Loading the library…</source>
        <translation>正在加载资料库…</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>搜索资料库</translation>
    </message>
    <message>
        <source>Sentences with this emotion or sound (SenseVoice results), in every item</source>
        <translation>所有条目中带有此情绪或声音的句子（SenseVoice 结果）</translation>
    </message>
    <message>
        <source>Library items</source>
        <translation>资料库条目</translation>
    </message>
    <message>
        <source>The library is empty. Finished transcriptions and imported results appear here.</source>
        <translation>资料库为空。完成的转写和导入的结果会显示在这里。</translation>
    </message>
    <message numerus="yes">
        <source>%n items</source>
        <translation>
            <numerusform>%n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching sentences</source>
        <translation>
            <numerusform>%n 个匹配的句子</numerusform>
        </translation>
    </message>
    <message>
        <source>Translate track…</source>
        <translation>翻译字幕轨道…</translation>
    </message>
    <message>
        <source>%1 of %2 items shown</source>
        <translation>显示 %1 / %2 个条目</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open library item…</source>
        <translation>打开资料库条目(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Close item</source>
        <translation>关闭条目(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Search library</source>
        <translation>搜索资料库(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Hotword vocabularies…</source>
        <translation>热词表(&amp;H)…</translation>
    </message>
    <message>
        <source>Subtitle &amp;presets…</source>
        <translation>字幕预设(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Translate subtitle track…</source>
        <translation>翻译字幕轨(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open the &amp;sample</source>
        <translation>打开示例(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About Tingxie</source>
        <translation>关于听写(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The job queue appears here.</source>
        <translation>任务队列显示在这里。</translation>
    </message>
    <message>
        <source>Waiting to be transcribed:</source>
        <translation>等待转写：</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n results into the library</source>
        <translation>
            <numerusform>已将 %n 个结果导入资料库</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n media files waiting to be transcribed</source>
        <translation>
            <numerusform>%n 个媒体文件等待转写</numerusform>
        </translation>
    </message>
    <message>
        <source>Some files were not opened</source>
        <translation>有些文件未能打开</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>Cannot open the sample</source>
        <translation>无法打开示例</translation>
    </message>
    <message>
        <source>About Tingxie</source>
        <translation>关于听写</translation>
    </message>
    <message>
        <source>Tingxie {0}
A transcription workstation for DashScope recorded-file transcription (Paraformer, Fun-ASR, SenseVoice).</source>
        <translation>听写 {0}
用于 DashScope 录音文件识别（Paraformer、Fun-ASR、SenseVoice）的转写工作台。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>that does not look like an API key (expected one word of 8 or more printable ASCII characters, like sk-…); copy it again from the Model Studio console</source>
        <translation>这看起来不像 API Key（应为 8 个或更多可打印 ASCII 字符组成的一个词，形如 sk-…）；请从百炼控制台重新复制</translation>
    </message>
    <message>
        <source>no system keyring is available (on Linux: gnome-keyring or KWallet with a running D-Bus session); set the {variable} environment variable for this session instead</source>
        <translation>没有可用的系统密钥环（Linux 上需要 gnome-keyring 或 KWallet 以及运行中的 D-Bus 会话）；请改为在本次会话中设置环境变量 {variable}</translation>
    </message>
    <message>
        <source>the only keyring available ({backend}) stores secrets in a plain file; set the {variable} environment variable for this session instead</source>
        <translation>唯一可用的密钥环（{backend}）把密钥存放在明文文件中；请改为在本次会话中设置环境变量 {variable}</translation>
    </message>
    <message>
        <source>the keyring refused to store the key ({error})</source>
        <translation>密钥环拒绝保存该 Key（{error}）</translation>
    </message>
    <message>
        <source>{model} is not offered in the {region} region</source>
        <translation>{model} 在 {region} 地域不提供</translation>
    </message>
    <message>
        <source>Pick a model offered in this region, or switch the region in Settings.</source>
        <translation>请选择该地域提供的模型，或在“设置”中切换地域。</translation>
    </message>
    <message>
        <source>{model} does not accept {option}; models that do: {models}</source>
        <translation>{model} 不支持 {option}；支持的模型：{models}</translation>
    </message>
    <message>
        <source>any sample rate</source>
        <translation>任意采样率</translation>
    </message>
    <message>
        <source>The service does not offer {model} in this region: pick another model, or activate it in the Model Studio console.</source>
        <translation>服务在此地域不提供 {model}：请选择其他模型，或在百炼控制台开通它。</translation>
    </message>
    <message>
        <source>10 hours each month</source>
        <translation>每月 10 小时</translation>
    </message>
    <message>
        <source>10 hours once, valid 180 days after approval</source>
        <translation>一次性 10 小时，开通后 180 天内有效</translation>
    </message>
    <message>
        <source>10 hours once (Beijing: 180 days, Singapore: 90 days)</source>
        <translation>一次性 10 小时（北京：180 天，新加坡：90 天）</translation>
    </message>
    <message>
        <source>Video, live streams, calls and meetings; Chinese dialects, song lyrics</source>
        <translation>视频、直播、电话和会议；中文方言、歌词</translation>
    </message>
    <message>
        <source>27 languages and dialects, with each sentence's language and emotion; the newest and cheapest</source>
        <translation>27 种语言和方言，标出每句的语种和情绪；最新且最便宜</translation>
    </message>
    <message>
        <source>SenseVoice covers 50+ other languages</source>
        <translation>SenseVoice 支持 50 多种其他语言</translation>
    </message>
    <message>
        <source>{khz} kHz only</source>
        <translation>仅 {khz} kHz</translation>
    </message>
    <message>
        <source>{khz} kHz or higher</source>
        <translation>{khz} kHz 或更高</translation>
    </message>
    <message>
        <source>The service no longer offers {model}; it may have been retired. Retry the job with {replacement}, which replaces it.</source>
        <translation>服务已不再提供 {model}，它可能已下线。请用替代它的 {replacement} 重试该任务。</translation>
    </message>
    <message>
        <source>Video, live streams, calls and meetings; Mandarin and English</source>
        <translation>视频、直播、电话和会议；普通话和英语</translation>
    </message>
    <message>
        <source>31 languages</source>
        <translation>31 种语言</translation>
    </message>
    <message>
        <source>Fun-ASR's multilingual model covers 31 languages</source>
        <translation>Fun-ASR 多语种模型支持 31 种语言</translation>
    </message>
    <message>
        <source>Qwen3-ASR reports each sentence's emotion and language</source>
        <translation>Qwen3-ASR 标出每句的情绪和语种</translation>
    </message>
    <message>
        <source>8 kHz phone audio is best sent to an 8k model as is</source>
        <translation>8 kHz 电话录音最好原样交给 8k 模型</translation>
    </message>
    <message>
        <source>Paraformer v2 with the language set is most accurate</source>
        <translation>设定语种的 Paraformer v2 最准确</translation>
    </message>
    <message>
        <source>{language} is covered by Qwen3-ASR</source>
        <translation>Qwen3-ASR 支持{language}</translation>
    </message>
    <message>
        <source>Qwen3-ASR reports each sentence's emotion</source>
        <translation>Qwen3-ASR 标出每句的情绪</translation>
    </message>
    <message>
        <source>Singapore offers Fun-ASR; it covers Chinese and English</source>
        <translation>新加坡地域提供 Fun-ASR，支持中文和英语</translation>
    </message>
    <message>
        <source>Qwen3-ASR covers {language}</source>
        <translation>Qwen3-ASR 支持{language}</translation>
    </message>
    <message>
        <source>{name}: the service does not accept {container} files (it takes {accepted}); convert it first, e.g. ffmpeg -i "{name}" "{stem}.flac"</source>
        <translation>{name}：服务不接受 {container} 文件（可接受 {accepted}）；请先转换，例如 ffmpeg -i "{name}" "{stem}.flac"</translation>
    </message>
    <message>
        <source>{name}: the file has no audio track, so there is nothing to transcribe</source>
        <translation>{name}：文件没有音轨，无可转写</translation>
    </message>
    <message>
        <source>{name}: the file is {size}; the service takes files up to {limit}. Split it, or re-encode the audio alone (ffmpeg -i "{name}" -vn -ac 1 -b:a 64k out.m4a)</source>
        <translation>{name}：文件大小 {size}；服务最多接受 {limit}。请拆分，或只重新编码音频（ffmpeg -i "{name}" -vn -ac 1 -b:a 64k out.m4a）</translation>
    </message>
    <message>
        <source>{name}: the recording is {length} long; {model} takes at most {limit} per file. Split it into parts</source>
        <translation>{name}：录音长 {length}；{model} 每个文件最多 {limit}。请拆分成几段</translation>
    </message>
    <message>
        <source>{name}: the audio is {rate} kHz; {model} takes {takes}. Use {better} for this file</source>
        <translation>{name}：音频为 {rate} kHz；{model} 要求{takes}。请对此文件使用 {better}</translation>
    </message>
    <message>
        <source>{name}: the file has these audio channels: {existing}; channel {missing} does not exist. Choose from {existing}</source>
        <translation>{name}：文件的音轨为 {existing}；音轨 {missing} 不存在。请从 {existing} 中选择</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{name}: the recording is {length} long; {model} takes at most {limit} per file. Split it into parts, or use {other}, which has no length limit</source>
        <translation>{name}：录音长 {length}；{model} 每个文件最多 {limit}。请拆分成几段，或使用没有时长限制的 {other}</translation>
    </message>
    <message>
        <source>{name}: the audio is {rate} kHz; {model} takes {takes}. Use {better} for this file (8 kHz audio is best sent as it is, not resampled)</source>
        <translation>{name}：音频为 {rate} kHz；{model} 要求{takes}。请对此文件使用 {better}（8 kHz 音频最好原样发送，不要重采样）</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Netflix English (USA)</source>
        <translation>Netflix 英语（美国）</translation>
    </message>
    <message>
        <source>Netflix TTSG General Requirements + English (USA) guide; cps via Subtitle Edit</source>
        <translation>Netflix TTSG 通用要求 + 英语（美国）指南；每秒字数按 Subtitle Edit 计算</translation>
    </message>
    <message>
        <source>Netflix Simplified Chinese</source>
        <translation>Netflix 简体中文</translation>
    </message>
    <message>
        <source>Netflix TTSG General Requirements + Simplified Chinese (PRC) guide</source>
        <translation>Netflix TTSG 通用要求 + 简体中文（中国大陆）指南</translation>
    </message>
    <message>
        <source>Netflix Japanese</source>
        <translation>Netflix 日语</translation>
    </message>
    <message>
        <source>Netflix TTSG General Requirements + Japanese guide (horizontal)</source>
        <translation>Netflix TTSG 通用要求 + 日语指南（横排）</translation>
    </message>
    <message>
        <source>BBC online</source>
        <translation>BBC 在线</translation>
    </message>
    <message>
        <source>BBC Subtitle Guidelines §3.1, §3.3, §4, §4.5</source>
        <translation>BBC 字幕指南 §3.1、§3.3、§4、§4.5</translation>
    </message>
    <message>
        <source>Vertical short video</source>
        <translation>竖屏短视频</translation>
    </message>
    <message>
        <source>BBC Subtitle Guidelines §3.1 (25 characters at 9:16), §3.3 (3 lines), §4, §4.5</source>
        <translation>BBC 字幕指南 §3.1（9:16 画面 25 字）、§3.3（3 行）、§4、§4.5</translation>
    </message>
    <message>
        <source>One sentence per cue</source>
        <translation>每条字幕一句</translation>
    </message>
    <message>
        <source>transcript style: each sentence as the service cut it</source>
        <translation>转写风格：每句按服务的切分</translation>
    </message>
    <message>
        <source>{n} lines</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{n} cps</source>
        <translation>每秒 {n} 字</translation>
    </message>
    <message>
        <source>{n} wpm</source>
        <translation>每分钟 {n} 词</translation>
    </message>
    <message>
        <source>{low}–{high} s</source>
        <translation>{low}–{high} 秒</translation>
    </message>
    <message>
        <source>gap ≥ {n} frames</source>
        <translation>间隔 ≥ {n} 帧</translation>
    </message>
    <message>
        <source>gaps closed or ≥ {n} s</source>
        <translation>间隔闭合或 ≥ {n} 秒</translation>
    </message>
    <message>
        <source>one sentence per cue</source>
        <translation>每条字幕一句</translation>
    </message>
    <message>
        <source>custom, based on {id}</source>
        <translation>自定义，基于 {id}</translation>
    </message>
    <message>
        <source>{n} columns/line</source>
        <translation>每行 {n} 列</translation>
    </message>
    <message>
        <source>{n} characters/line</source>
        <translation>每行 {n} 字</translation>
    </message>
    <message>
        <source>{n} full-width characters/line</source>
        <translation>每行 {n} 个全角字</translation>
    </message>
    <message>
        <source>SubRip subtitles (.srt)</source>
        <translation>SubRip 字幕 (.srt)</translation>
    </message>
    <message>
        <source>WebVTT subtitles (.vtt)</source>
        <translation>WebVTT 字幕 (.vtt)</translation>
    </message>
    <message>
        <source>Advanced SubStation Alpha (.ass)</source>
        <translation>高级 SubStation Alpha 字幕 (.ass)</translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation>纯文本 (.txt)</translation>
    </message>
    <message>
        <source>DashScope result JSON, corrected (.json)</source>
        <translation>DashScope 结果 JSON，已校对 (.json)</translation>
    </message>
    <message>
        <source>WhisperX-style JSON (.whisperx.json)</source>
        <translation>WhisperX 格式 JSON (.whisperx.json)</translation>
    </message>
    <message>
        <source>CSV table (.csv)</source>
        <translation>CSV 表格 (.csv)</translation>
    </message>
    <message>
        <source>Word document (.docx)</source>
        <translation>Word 文档 (.docx)</translation>
    </message>
    <message>
        <source>{problem}; next try in {delay}</source>
        <translation>{problem}；{delay}后重试</translation>
    </message>
    <message>
        <source>name not resolved</source>
        <translation>无法解析域名</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>no network route</source>
        <translation>没有网络路由</translation>
    </message>
    <message>
        <source>secure connection failed</source>
        <translation>安全连接失败</translation>
    </message>
    <message>
        <source>the connection dropped</source>
        <translation>连接中断</translation>
    </message>
    <message>
        <source>{host} did not answer in time</source>
        <translation>{host} 未及时响应</translation>
    </message>
    <message>
        <source>cannot reach {host}: {reason}</source>
        <translation>无法连接 {host}：{reason}</translation>
    </message>
    <message>
        <source>{host} asks to slow down ({code})</source>
        <translation>{host} 要求放慢速度（{code}）</translation>
    </message>
    <message>
        <source>{host} answers {status} ({code})</source>
        <translation>{host} 返回 {status}（{code}）</translation>
    </message>
    <message>
        <source>{host} sent a reply that cannot be read</source>
        <translation>{host} 返回了无法读取的回复</translation>
    </message>
    <message>
        <source>no connection</source>
        <translation>没有连接</translation>
    </message>
    <message>
        <source>a server error</source>
        <translation>服务器错误</translation>
    </message>
    <message>
        <source>throttled</source>
        <translation>限流</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>无代码</translation>
    </message>
    <message>
        <source>an empty file</source>
        <translation>空文件</translation>
    </message>
    <message>
        <source>a text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <source>a web page (HTML)</source>
        <translation>网页（HTML）</translation>
    </message>
    <message>
        <source>data of an unknown kind</source>
        <translation>未知类型的数据</translation>
    </message>
    <message>
        <source>{name}: not a readable audio or video file; it is {kind} ({reason}). Check that it plays in a media player, or convert it with ffmpeg</source>
        <translation>{name}：不是可读取的音频或视频文件，而是{kind}（{reason}）。请确认它能在播放器中播放，或用 ffmpeg 转换</translation>
    </message>
    <message>
        <source>Simplified → Traditional</source>
        <translation>简体 → 繁体</translation>
    </message>
    <message>
        <source>Simplified → Traditional (Taiwan)</source>
        <translation>简体 → 繁体（台湾）</translation>
    </message>
    <message>
        <source>Simplified → Traditional (Taiwan, with phrases)</source>
        <translation>简体 → 繁体（台湾，含惯用词）</translation>
    </message>
    <message>
        <source>Simplified → Traditional (Hong Kong)</source>
        <translation>简体 → 繁体（香港）</translation>
    </message>
    <message>
        <source>Traditional → Simplified</source>
        <translation>繁体 → 简体</translation>
    </message>
    <message>
        <source>Traditional (Taiwan) → Simplified</source>
        <translation>繁体（台湾）→ 简体</translation>
    </message>
    <message>
        <source>Traditional (Taiwan, with phrases) → Simplified</source>
        <translation>繁体（台湾，含惯用词）→ 简体</translation>
    </message>
    <message>
        <source>Traditional (Hong Kong) → Simplified</source>
        <translation>繁体（香港）→ 简体</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>a ZIP archive (or an office document)</source>
        <translation>ZIP 压缩包（或 Office 文档）</translation>
    </message>
    <message>
        <source>a PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation>JPEG 图片</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>GIF 图片</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Chinese (Mandarin)</source>
        <translation>中文（普通话）</translation>
    </message>
    <message>
        <source>Cantonese</source>
        <translation>粤语</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>意大利语</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>葡萄牙语</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>印尼语</translation>
    </message>
    <message>
        <source>Malay</source>
        <translation>马来语</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>越南语</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>泰语</translation>
    </message>
    <message>
        <source>Tagalog</source>
        <translation>他加禄语</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>印地语</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>阿拉伯语</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>荷兰语</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>瑞典语</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>丹麦语</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>芬兰语</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>挪威语</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>希腊语</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>波兰语</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>捷克语</translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation>匈牙利语</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>罗马尼亚语</translation>
    </message>
    <message>
        <source>Bulgarian</source>
        <translation>保加利亚语</translation>
    </message>
    <message>
        <source>Croatian</source>
        <translation>克罗地亚语</translation>
    </message>
    <message>
        <source>Slovak</source>
        <translation>斯洛伐克语</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>土耳其语</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>乌克兰语</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>希伯来语</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>波斯语</translation>
    </message>
    <message>
        <source>Catalan</source>
        <translation>加泰罗尼亚语</translation>
    </message>
    <message>
        <source>Filipino</source>
        <translation>菲律宾语</translation>
    </message>
    <message>
        <source>Icelandic</source>
        <translation>冰岛语</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Traditional Chinese</source>
        <translation>繁体中文</translation>
    </message>
    <message>
        <source>Burmese</source>
        <translation>缅甸语</translation>
    </message>
    <message>
        <source>Tamil</source>
        <translation>泰米尔语</translation>
    </message>
    <message>
        <source>Urdu</source>
        <translation>乌尔都语</translation>
    </message>
    <message>
        <source>Bengali</source>
        <translation>孟加拉语</translation>
    </message>
    <message>
        <source>Khmer</source>
        <translation>高棉语</translation>
    </message>
    <message>
        <source>Lao</source>
        <translation>老挝语</translation>
    </message>
    <message>
        <source>Serbian</source>
        <translation>塞尔维亚语</translation>
    </message>
    <message>
        <source>Telugu</source>
        <translation>泰卢固语</translation>
    </message>
    <message>
        <source>Afrikaans</source>
        <translation>南非荷兰语</translation>
    </message>
    <message>
        <source>Armenian</source>
        <translation>亚美尼亚语</translation>
    </message>
    <message>
        <source>Assamese</source>
        <translation>阿萨姆语</translation>
    </message>
    <message>
        <source>Asturian</source>
        <translation>阿斯图里亚斯语</translation>
    </message>
    <message>
        <source>Basque</source>
        <translation>巴斯克语</translation>
    </message>
    <message>
        <source>Belarusian</source>
        <translation>白俄罗斯语</translation>
    </message>
    <message>
        <source>Bosnian</source>
        <translation>波斯尼亚语</translation>
    </message>
    <message>
        <source>Cebuano</source>
        <translation>宿务语</translation>
    </message>
    <message>
        <source>Egyptian Arabic</source>
        <translation>埃及阿拉伯语</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>爱沙尼亚语</translation>
    </message>
    <message>
        <source>Galician</source>
        <translation>加利西亚语</translation>
    </message>
    <message>
        <source>Georgian</source>
        <translation>格鲁吉亚语</translation>
    </message>
    <message>
        <source>Gujarati</source>
        <translation>古吉拉特语</translation>
    </message>
    <message>
        <source>Javanese</source>
        <translation>爪哇语</translation>
    </message>
    <message>
        <source>Video and live streams; Mandarin, 18 dialects, English, Japanese, Korean, German, French, Russian</source>
        <translation>视频和直播；普通话、18 种方言、英语、日语、韩语、德语、法语、俄语</translation>
    </message>
    <message>
        <source>Phone calls (8 kHz); Mandarin</source>
        <translation>电话录音（8 kHz）；普通话</translation>
    </message>
    <message>
        <source>Audio or video; Mandarin and English</source>
        <translation>音频或视频；普通话和英语</translation>
    </message>
    <message>
        <source>Audio or video, 16 kHz or higher; Mandarin, 15 dialects and nine other languages</source>
        <translation>音频或视频，16 kHz 或更高；普通话、15 种方言和另外九种语言</translation>
    </message>
    <message>
        <source>50+ languages, with emotion (angry, happy, sad) and audio events (applause, music, laughter)</source>
        <translation>50 多种语言，标出情绪（生气、高兴、悲伤）和声音事件（掌声、音乐、笑声）</translation>
    </message>
    <message>
        <source>columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>个字符</translation>
    </message>
    <message>
        <source>full-width characters</source>
        <translation>个全角字符</translation>
    </message>
    <message>
        <source>line {number} is {width} {unit} long; the limit is {limit}</source>
        <translation>第 {number} 行长 {width} {unit}；上限为 {limit}</translation>
    </message>
    <message>
        <source>{count} lines; the limit is {limit}</source>
        <translation>{count} 行；上限为 {limit} 行</translation>
    </message>
    <message>
        <source>on screen {seconds} s; the minimum is {limit} s</source>
        <translation>显示 {seconds} 秒；最短为 {limit} 秒</translation>
    </message>
    <message>
        <source>on screen {seconds} s; the maximum is {limit} s</source>
        <translation>显示 {seconds} 秒；最长为 {limit} 秒</translation>
    </message>
    <message>
        <source>{cps} characters/s; the limit is {limit}</source>
        <translation>每秒 {cps} 个字符；上限为 {limit}</translation>
    </message>
    <message>
        <source>{wpm} words/min; the limit is {limit}</source>
        <translation>每分钟 {wpm} 个词；上限为 {limit}</translation>
    </message>
    <message>
        <source>the next cue starts {seconds} s before this one ends</source>
        <translation>下一条字幕在本条结束前 {seconds} 秒就开始了</translation>
    </message>
    <message>
        <source>{distance} ms to the next cue; at least {frames} frames ({gap} ms) are needed</source>
        <translation>与下一条字幕间隔 {distance} 毫秒；至少需要 {frames} 帧（{gap} 毫秒）</translation>
    </message>
    <message>
        <source>a gap of {seconds} s: close it or leave at least {limit} s</source>
        <translation>间隔 {seconds} 秒：请消除间隔，或至少留出 {limit} 秒</translation>
    </message>
    <message>
        <source>starts {frames} frames after a shot change; start it on the shot change</source>
        <translation>在镜头切换后 {frames} 帧开始；请在镜头切换处开始</translation>
    </message>
    <message>
        <source>starts {frames} frames before a shot change; start it on the shot change</source>
        <translation>在镜头切换前 {frames} 帧开始；请在镜头切换处开始</translation>
    </message>
    <message>
        <source>starts {frames} frames before a shot change; start it {half} frames before it</source>
        <translation>在镜头切换前 {frames} 帧开始；请在切换前 {half} 帧开始</translation>
    </message>
    <message>
        <source>ends {frames} frames after a shot change; ending {gap} frames before it would make the cue too short, so end it {half} frames after it</source>
        <translation>在镜头切换后 {frames} 帧结束；若在切换前 {gap} 帧结束，字幕会过短，因此请在切换后 {half} 帧结束</translation>
    </message>
    <message>
        <source>ends {frames} frames before a shot change; ending {gap} frames before it would make the cue too short, so end it {half} frames after it</source>
        <translation>在镜头切换前 {frames} 帧结束；若在切换前 {gap} 帧结束，字幕会过短，因此请在切换后 {half} 帧结束</translation>
    </message>
    <message>
        <source>ends on a shot change; ending {gap} frames before it would make the cue too short, so end it {half} frames after it</source>
        <translation>在镜头切换处结束；若在切换前 {gap} 帧结束，字幕会过短，因此请在切换后 {half} 帧结束</translation>
    </message>
    <message>
        <source>ends on a shot change; end it {gap} frames before it</source>
        <translation>在镜头切换处结束；请在切换前 {gap} 帧结束</translation>
    </message>
    <message>
        <source>ends {frames} frames after a shot change; end it {gap} frames before it</source>
        <translation>在镜头切换后 {frames} 帧结束；请在切换前 {gap} 帧结束</translation>
    </message>
    <message>
        <source>ends {frames} frames before a shot change; end it {gap} frames before it</source>
        <translation>在镜头切换前 {frames} 帧结束；请在切换前 {gap} 帧结束</translation>
    </message>
    <message>
        <source>Try again later; if it keeps happening, check the service status.</source>
        <translation>请稍后再试；如果一直出现，请查看服务状态。</translation>
    </message>
    <message>
        <source>Check the API key in Settings and that it belongs to the selected region (Beijing and Singapore keys are different).</source>
        <translation>请在设置中检查 API 密钥，并确认它属于所选地域（北京和新加坡的密钥不同）。</translation>
    </message>
    <message>
        <source>The service is limiting the request rate; wait a minute and try again.</source>
        <translation>服务正在限制请求频率；请等一分钟后再试。</translation>
    </message>
    <message>
        <source>Change the options or the file named in the message and submit again.</source>
        <translation>请修改消息中提到的选项或文件，然后重新提交。</translation>
    </message>
    <message>
        <source>The item no longer exists on the service; refresh the list.</source>
        <translation>该项目在服务上已不存在；请刷新列表。</translation>
    </message>
    <message>
        <source>Submit fewer files per task; the client can split them for you.</source>
        <translation>请每个任务提交更少的文件；客户端可以为您拆分。</translation>
    </message>
    <message>
        <source>Pick another model, or activate this model in the Model Studio console for the selected region.</source>
        <translation>请选择其他模型，或在 Model Studio 控制台中为所选地域开通此模型。</translation>
    </message>
    <message>
        <source>Top up the account or raise the quota in the Model Studio console, then try again.</source>
        <translation>请在 Model Studio 控制台中为账户充值或提高配额，然后再试。</translation>
    </message>
    <message>
        <source>The service had an internal problem; try again in a few minutes.</source>
        <translation>服务出现内部问题；请几分钟后再试。</translation>
    </message>
    <message>
        <source>Check the internet connection (and proxy settings), then try again.</source>
        <translation>请检查网络连接（以及代理设置），然后再试。</translation>
    </message>
    <message>
        <source>The service did not answer in time; check the connection and try again.</source>
        <translation>服务未及时响应；请检查连接后再试。</translation>
    </message>
    <message>
        <source>The task is still running on the service; check again later - it is not lost.</source>
        <translation>任务仍在服务上运行；请稍后再查看——它不会丢失。</translation>
    </message>
    <message>
        <source>The result link has expired (results are kept 24 hours); query the task again for a fresh link, or transcribe the file again.</source>
        <translation>结果链接已过期（结果保留 24 小时）；请重新查询任务以获取新链接，或重新转写该文件。</translation>
    </message>
    <message>
        <source>The service sent a reply the app cannot read; try again, and report it if it repeats.</source>
        <translation>服务返回了本应用无法读取的回复；请再试一次，如果重复出现请报告。</translation>
    </message>
    <message>
        <source>The service sent a broken result for this file; retry the job, and report it if it repeats.</source>
        <translation>服务为此文件返回了损坏的结果；请重试该任务，如果重复出现请报告。</translation>
    </message>
    <message>
        <source>The upload permission expired; the upload will be retried with a new one.</source>
        <translation>上传授权已过期；将使用新的授权重试上传。</translation>
    </message>
    <message>
        <source>Change the option named in the message, or choose a model that supports it.</source>
        <translation>请修改消息中提到的选项，或选择支持该选项的模型。</translation>
    </message>
    <message>
        <source>The service refused to translate this text; translate it by hand or reword it.</source>
        <translation>服务拒绝翻译这段文本；请手动翻译或改写。</translation>
    </message>
    <message>
        <source>The answer was cut off at the model's limit; send less text at once.</source>
        <translation>回答在模型上限处被截断；请一次发送更少的文本。</translation>
    </message>
    <message>
        <source>{name} must be a non-empty id</source>
        <translation>{name} 必须是非空的 ID</translation>
    </message>
    <message>
        <source>{name} must be true or false</source>
        <translation>{name} 必须是 true 或 false</translation>
    </message>
    <message>
        <source>channel_id must list track numbers from 0 up, got {values}</source>
        <translation>channel_id 必须列出从 0 开始的音轨编号，收到的是 {values}</translation>
    </message>
    <message>
        <source>channel_id lists a track twice: {values}</source>
        <translation>channel_id 中有重复的音轨：{values}</translation>
    </message>
    <message>
        <source>language_hints must be a list of codes, not a string</source>
        <translation>language_hints 必须是语言代码列表，而不是字符串</translation>
    </message>
    <message>
        <source>language_hints is empty; leave it unset instead</source>
        <translation>language_hints 为空；请改为不设置</translation>
    </message>
    <message>
        <source>{model} does not know these language codes: {codes}; it accepts: {accepted}</source>
        <translation>{model} 不认识这些语言代码：{codes}；它接受：{accepted}</translation>
    </message>
    <message>
        <source>too many language hints for {model}: {count} given, the limit is {limit}</source>
        <translation>{model} 的语言提示过多：给出了 {count} 个，上限为 {limit} 个</translation>
    </message>
    <message>
        <source>speaker_count must be a whole number from {low} to {high}, got {count}</source>
        <translation>speaker_count 必须是 {low} 到 {high} 之间的整数，收到的是 {count}</translation>
    </message>
    <message>
        <source>speaker_count has no effect unless diarization_enabled is on</source>
        <translation>除非开启 diarization_enabled，否则 speaker_count 不起作用</translation>
    </message>
    <message>
        <source>special_word_filter must be a JSON object as text (e.g. {example})</source>
        <translation>special_word_filter 必须是文本形式的 JSON 对象（例如 {example}）</translation>
    </message>
    <message>
        <source>speech_noise_threshold must be a number from {low} to {high}, got {value}</source>
        <translation>speech_noise_threshold 必须是 {low} 到 {high} 之间的数字，收到的是 {value}</translation>
    </message>
    <message>
        <source>{model} does not know the language code {code}; it accepts: {accepted} (or leave the language unset to detect it)</source>
        <translation>{model} 不认识语言代码 {code}；它接受：{accepted}（或不设置语言以自动检测）</translation>
    </message>
    <message>
        <source>context_text must be text</source>
        <translation>context_text 必须是文本</translation>
    </message>
    <message>
        <source>context_text is {count} characters long; at most {limit} are sent. Keep the names and terms that matter.</source>
        <translation>context_text 长 {count} 个字符；最多发送 {limit} 个。请保留重要的名称和术语。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>ModelComboBox</name>
    <message>
        <source>{0} (the newest, now {1})</source>
        <translation>{0}（最新版，当前为 {1}）</translation>
    </message>
    <message>
        <source>{0} (may be retired; use {1})</source>
        <translation>{0}（可能已停用；请使用 {1}）</translation>
    </message>
</context>
<context>
    <name>NewJobDialog</name>
    <message>
        <source> and {0} more</source>
        <translation> 等另外 {0} 个</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Tell speakers apart</source>
        <translation>区分说话人</translation>
    </message>
    <message>
        <source>Number of speakers</source>
        <translation>说话人数</translation>
    </message>
    <message>
        <source>detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>0 (the first track)</source>
        <translation>0（第一条音轨）</translation>
    </message>
    <message>
        <source>Remove filler words (um, uh)</source>
        <translation>去除语气词（嗯、呃）</translation>
    </message>
    <message>
        <source>Align timestamps to the audio</source>
        <translation>时间戳与音频对齐</translation>
    </message>
    <message>
        <source>words to mask with *, comma-separated</source>
        <translation>要用 * 屏蔽的词，以逗号分隔</translation>
    </message>
    <message>
        <source>Speech/noise threshold</source>
        <translation>语音/噪声阈值</translation>
    </message>
    <message>
        <source>Towards -1 more noise is taken for speech; towards +1 more is rejected.</source>
        <translation>越接近 -1，越多噪声被当作语音；越接近 +1，越多声音被当作噪声舍弃。</translation>
    </message>
    <message>
        <source>Write numbers as digits</source>
        <translation>数字写成阿拉伯数字</translation>
    </message>
    <message>
        <source>Word timestamps</source>
        <translation>词级时间戳</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>names and terms the audio uses, to help recognition</source>
        <translation>音频中出现的人名和术语，帮助识别</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>转写</translation>
    </message>
    <message>
        <source>Speakers:</source>
        <translation>说话人数：</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Hot words</source>
        <translation>热词</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>说话人</translation>
    </message>
    <message>
        <source>The context is cut to {0} characters.</source>
        <translation>上下文已截断为 {0} 个字符。</translation>
    </message>
    <message numerus="yes">
        <source>(+ %n files of unknown length)</source>
        <translation>
            <numerusform>（另有 %n 个文件时长未知）</numerusform>
        </translation>
    </message>
    <message>
        <source>Audio tracks</source>
        <translation>音轨</translation>
    </message>
    <message numerus="yes">
        <source>Transcribe %n files</source>
        <translation>
            <numerusform>转写 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Sensitive words</source>
        <translation>敏感词</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Use {0}</source>
        <translation>使用 {0}</translation>
    </message>
    <message>
        <source>Suggested: {0} ({1})</source>
        <translation>建议：{0}（{1}）</translation>
    </message>
    <message>
        <source>¥{0} per minute; free: {1}</source>
        <translation>每分钟 ¥{0}；免费额度：{1}</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>……另有 {0} 条</translation>
    </message>
    <message numerus="yes">
        <source>%n files cannot be transcribed and will be left out.</source>
        <translation>
            <numerusform>%n 个文件无法转写，将被略过。</numerusform>
        </translation>
    </message>
    <message>
        <source>No file can be transcribed as chosen.</source>
        <translation>按当前选择，没有可转写的文件。</translation>
    </message>
    <message>
        <source>Estimated cost: ¥{0} for {1} of audio</source>
        <translation>预计费用：¥{0}，音频时长 {1}</translation>
    </message>
    <message>
        <source>Track {0}</source>
        <translation>音轨 {0}</translation>
    </message>
    <message>
        <source>Tick at least one audio track.</source>
        <translation>请至少勾选一条音轨。</translation>
    </message>
    <message>
        <source>Audio tracks: numbers such as 0 or 0, 1</source>
        <translation>音轨：请填写数字，如 0 或 0, 1</translation>
    </message>
</context>
<context>
    <name>OpenItemDialog</name>
    <message>
        <source>Open library item</source>
        <translation>打开资料库条目</translation>
    </message>
    <message>
        <source>Reading the library…</source>
        <translation>正在读取资料库…</translation>
    </message>
    <message>
        <source>Item to open:</source>
        <translation>要打开的条目：</translation>
    </message>
    <message>
        <source>The library is empty; import a result first (tingxie import).</source>
        <translation>资料库为空；请先导入结果（tingxie import）。</translation>
    </message>
</context>
<context>
    <name>PlayerWidget</name>
    <message>
        <source>Play/pause (Ctrl+Space)</source>
        <translation>播放/暂停 (Ctrl+Space)</translation>
    </message>
    <message>
        <source>Back 5 seconds (Alt+Left)</source>
        <translation>后退 5 秒 (Alt+Left)</translation>
    </message>
    <message>
        <source>Forward 5 seconds (Alt+Right)</source>
        <translation>前进 5 秒 (Alt+Right)</translation>
    </message>
    <message>
        <source>One frame back (Alt+,)</source>
        <translation>后退一帧 (Alt+,)</translation>
    </message>
    <message>
        <source>One frame forward (Alt+.)</source>
        <translation>前进一帧 (Alt+.)</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <source>Playback speed (pitch is kept)</source>
        <translation>播放速度（保持音调）</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Video cannot be shown inside the window on this display ({0}); start Tingxie with QT_QPA_PLATFORM=xcb to see it. Sound plays.</source>
        <translation>在此显示环境（{0}）下无法在窗口内显示视频；请用 QT_QPA_PLATFORM=xcb 启动听写以查看视频。声音照常播放。</translation>
    </message>
    <message>
        <source>{0} · f {1}</source>
        <comment>the clock with the video frame number</comment>
        <translation>{0} · 第 {1} 帧</translation>
    </message>
</context>
<context>
    <name>PresetEditor</name>
    <message>
        <source>Subtitle presets</source>
        <translation>字幕预设</translation>
    </message>
    <message>
        <source>New from selected</source>
        <translation>以所选新建</translation>
    </message>
    <message>
        <source>A custom copy of the selected preset, to edit</source>
        <translation>复制所选预设为可编辑的自定义预设</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Used on the command line (--preset): letters, digits, '-' and '_'</source>
        <translation>用于命令行（--preset）：字母、数字、“-”和“_”</translation>
    </message>
    <message>
        <source>columns (a Chinese character counts 2)</source>
        <translation>列宽（一个汉字算 2）</translation>
    </message>
    <message>
        <source>characters (every character counts 1)</source>
        <translation>字符（每个字符算 1）</translation>
    </message>
    <message>
        <source>full-width (half-width characters count 0.5)</source>
        <translation>全角（半角字符算 0.5）</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source> cps</source>
        <translation> 字/秒</translation>
    </message>
    <message>
        <source> wpm</source>
        <translation> 词/分</translation>
    </message>
    <message>
        <source> frames</source>
        <translation> 帧</translation>
    </message>
    <message>
        <source>Two speakers in one cue, each line with a dash</source>
        <translation>同一字幕中两位说话人时，每行以破折号开头</translation>
    </message>
    <message>
        <source>Split long sentences into several cues</source>
        <translation>将长句拆分为多条字幕</translation>
    </message>
    <message>
        <source>Cues may overlap</source>
        <translation>字幕可以重叠</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Count characters as</source>
        <translation>字符计数方式</translation>
    </message>
    <message>
        <source>Characters per line</source>
        <translation>每行字符数</translation>
    </message>
    <message>
        <source>Lines per cue</source>
        <translation>每条字幕行数</translation>
    </message>
    <message>
        <source>Reading speed</source>
        <translation>阅读速度</translation>
    </message>
    <message>
        <source>Words per minute</source>
        <translation>每分钟词数</translation>
    </message>
    <message>
        <source>Minimum duration</source>
        <translation>最短时长</translation>
    </message>
    <message>
        <source>Maximum duration</source>
        <translation>最长时长</translation>
    </message>
    <message>
        <source>Minimum gap</source>
        <translation>最小间隔</translation>
    </message>
    <message>
        <source>Close gaps shorter than</source>
        <translation>合并短于此值的间隔</translation>
    </message>
    <message>
        <source>Gaps left open at least</source>
        <translation>保留的间隔至少</translation>
    </message>
    <message>
        <source>Move a cue at most</source>
        <translation>字幕最多移动</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Custom presets cannot be read: %1. Nothing is saved until the file is fixed or removed.</source>
        <translation>无法读取自定义预设：%1。在修复或删除该文件之前不会保存任何内容。</translation>
    </message>
    <message>
        <source>Built-in presets follow their published sources and cannot be changed. Click “New from selected” to make a copy you can edit.</source>
        <translation>内置预设遵循其公开来源，不能修改。点击“以所选新建”可复制一份供编辑。</translation>
    </message>
    <message>
        <source>Custom preset: change any rule, then save.</source>
        <translation>自定义预设：修改任意规则后保存。</translation>
    </message>
    <message>
        <source>New preset (not saved yet): change any rule, then save.</source>
        <translation>新预设（尚未保存）：修改任意规则后保存。</translation>
    </message>
    <message>
        <source>Not valid: %1</source>
        <translation>无效：%1</translation>
    </message>
    <message>
        <source>Rules: %1</source>
        <translation>规则：%1</translation>
    </message>
    <message>
        <source>A copy of %1: change it and save.</source>
        <translation>%1 的副本：修改后保存。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved %1 in %2</source>
        <translation>已将 %1 保存到 %2</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <source>Delete the preset “%1” (%2)?</source>
        <translation>删除预设“%1”（%2）？</translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation>未删除：%1</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>已删除 %1</translation>
    </message>
    <message>
        <source>Unsaved preset</source>
        <translation>预设未保存</translation>
    </message>
    <message>
        <source>The preset “%1” has changes that are not saved.</source>
        <translation>预设“%1”有尚未保存的更改。</translation>
    </message>
</context>
<context>
    <name>PresetListModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message>
        <source>&amp;Transcribe files…</source>
        <translation>转写文件(&amp;T)…</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>转写</translation>
    </message>
    <message>
        <source>Transcribe &amp;URLs…</source>
        <translation>转写网址(&amp;U)…</translation>
    </message>
    <message>
        <source>Cannot add</source>
        <translation>无法添加</translation>
    </message>
    <message>
        <source>Quit Tingxie?</source>
        <translation>退出听写？</translation>
    </message>
    <message numerus="yes">
        <source>%n files are still being transcribed. Quit now?</source>
        <translation>
            <numerusform>还有 %n 个文件正在转写。现在退出吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Tasks already on the service keep running; Tingxie picks every file up where it stopped the next time it starts.</source>
        <translation>已提交到服务的任务会继续运行；下次启动时，听写会从每个文件停下的地方继续。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>继续工作</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>probing</source>
        <translation>检查中</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>上传中</translation>
    </message>
    <message>
        <source>waiting to submit</source>
        <translation>等待提交</translation>
    </message>
    <message>
        <source>submitting</source>
        <translation>提交中</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>running</source>
        <translation>识别中</translation>
    </message>
    <message>
        <source>fetching</source>
        <translation>下载结果</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <source>{0} for {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Est. cost</source>
        <translation>预计费用</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Service code: {0}</source>
        <translation>服务错误码：{0}</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add URLs…</source>
        <translation>添加网址…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Retry with another model…</source>
        <translation>换个模型重试…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>打开结果</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Drop audio or video files and folders here</source>
        <translation>将音频、视频文件或文件夹拖放到这里</translation>
    </message>
    <message>
        <source>Drop audio or video files or folders on the window to transcribe them.</source>
        <translation>将音频或视频文件、文件夹拖放到窗口上即可转写。</translation>
    </message>
    <message>
        <source>The queue is paused: {0}</source>
        <translation>队列已暂停：{0}</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Audio and video ({0})</source>
        <translation>音频和视频（{0}）</translation>
    </message>
    <message numerus="yes">
        <source>%n files</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n 个完成</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show only failed (%n)</source>
        <translation>
            <numerusform>只显示失败的（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} of audio</source>
        <translation>音频共 {0}</translation>
    </message>
    <message>
        <source>estimated {0}</source>
        <translation>预计 {0}</translation>
    </message>
    <message>
        <source>{0} this month: {1} used of {2} free</source>
        <translation>{0} 本月：已用 {1}，免费额度 {2}</translation>
    </message>
</context>
<context>
    <name>RetryModelDialog</name>
    <message>
        <source>Retry with another model</source>
        <translation>换个模型重试</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message numerus="yes">
        <source>Retry %n jobs with this model:</source>
        <translation>
            <numerusform>用这个模型重试 %n 个任务：</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>China (Beijing)</source>
        <translation>中国（北京）</translation>
    </message>
    <message>
        <source>International (Singapore)</source>
        <translation>国际（新加坡）</translation>
    </message>
    <message>
        <source>Custom address (proxy)</source>
        <translation>自定义地址（代理）</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>DashScope API key</source>
        <translation>DashScope API 密钥</translation>
    </message>
    <message>
        <source>Paste a new key here (sk-…)</source>
        <translation>在此粘贴新密钥（sk-…）</translation>
    </message>
    <message>
        <source>Test key</source>
        <translation>测试密钥</translation>
    </message>
    <message>
        <source>Remove stored key</source>
        <translation>删除已保存的密钥</translation>
    </message>
    <message>
        <source>Use for this session only</source>
        <translation>仅本次会话使用</translation>
    </message>
    <message>
        <source>Sets DASHSCOPE_API_KEY inside Tingxie until it quits; nothing is saved.</source>
        <translation>在听写退出前设置 DASHSCOPE_API_KEY；不会保存任何内容。</translation>
    </message>
    <message>
        <source>Create a key in the Model Studio (百炼) console under API-KEY: &lt;a href="{0}"&gt;China (Beijing)&lt;/a&gt; or &lt;a href="{1}"&gt;International (Singapore)&lt;/a&gt;. A key works only in its region. It is kept in the system keyring, never in a file.</source>
        <translation>在百炼（Model Studio）控制台的 API-KEY 页面创建密钥：&lt;a href="{0}"&gt;中国（北京）&lt;/a&gt;或&lt;a href="{1}"&gt;国际（新加坡）&lt;/a&gt;。密钥只在其所属地域有效。密钥保存在系统钥匙环中，绝不写入文件。</translation>
    </message>
    <message>
        <source>A key is stored in the system keyring ({0}): {1}</source>
        <translation>系统钥匙环（{0}）中已保存密钥：{1}</translation>
    </message>
    <message>
        <source>No key yet: paste one below to transcribe files.</source>
        <translation>尚无密钥：请在下方粘贴密钥以转写文件。</translation>
    </message>
    <message>
        <source>A key cannot be stored here: {0}. Paste it and press “Use for this session only”, or start Tingxie with DASHSCOPE_API_KEY set.</source>
        <translation>此处无法保存密钥：{0}。请粘贴密钥并点击“仅本次会话使用”，或设置 DASHSCOPE_API_KEY 后启动听写。</translation>
    </message>
    <message>
        <source>The stored key was removed from the keyring.</source>
        <translation>已从钥匙环中删除保存的密钥。</translation>
    </message>
    <message>
        <source>The key will be used until Tingxie quits.</source>
        <translation>该密钥将一直使用到听写退出。</translation>
    </message>
    <message>
        <source>There is no key to test; paste one first.</source>
        <translation>没有可测试的密钥；请先粘贴一个。</translation>
    </message>
    <message>
        <source>Testing the key…</source>
        <translation>正在测试密钥…</translation>
    </message>
    <message>
        <source>Looking for a stored key…</source>
        <translation>正在查找已保存的密钥…</translation>
    </message>
    <message>
        <source>Set by DASHSCOPE_API_KEY ({0}): that key is used while the variable is set; unset it and restart Tingxie to use a key entered here.</source>
        <translation>由 DASHSCOPE_API_KEY 设置（{0}）：只要该变量存在就使用这个密钥；要使用在这里输入的密钥，请取消该变量并重新启动听写。</translation>
    </message>
    <message>
        <source>Using the key entered for this session only ({0}).</source>
        <translation>正在使用仅限本次会话输入的密钥（{0}）。</translation>
    </message>
    <message>
        <source>Set by DASHSCOPE_API_KEY</source>
        <translation>由 DASHSCOPE_API_KEY 设置</translation>
    </message>
    <message>
        <source>The keyring did not remove the key: {0}</source>
        <translation>钥匙环未能删除密钥：{0}</translation>
    </message>
    <message>
        <source>This does not look like a DashScope key (they start with sk-); it is tested anyway.</source>
        <translation>这看起来不像 DashScope 密钥（它们以 sk- 开头）；仍会测试它。</translation>
    </message>
    <message>
        <source>The test failed: {0}</source>
        <translation>测试失败：{0}</translation>
    </message>
    <message>
        <source>Service endpoint</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Set by {0}: requests go to {1}. Unset the variable and restart Tingxie to use the region chosen here.</source>
        <translation>由 {0} 设置：请求发送到 {1}。要使用在这里选择的地域，请取消该变量并重新启动听写。</translation>
    </message>
    <message>
        <source>Requests go to {0}</source>
        <translation>请求发送到 {0}</translation>
    </message>
    <message>
        <source>Defaults for new jobs</source>
        <translation>新任务的默认设置</translation>
    </message>
    <message>
        <source>e.g. zh, en (empty: detect)</source>
        <translation>例如 zh, en（留空：自动识别）</translation>
    </message>
    <message>
        <source>Tell speakers apart (diarization)</source>
        <translation>区分说话人（说话人分离）</translation>
    </message>
    <message>
        <source>Remove filler words (um, uh)</source>
        <translation>去除语气词（嗯、呃）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Language hints</source>
        <translation>语言提示</translation>
    </message>
    <message>
        <source>Tingxie</source>
        <translation>听写</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Uploads at once</source>
        <translation>同时上传数</translation>
    </message>
    <message>
        <source>Status checks and downloads at once</source>
        <translation>同时查询和下载数</translation>
    </message>
    <message>
        <source>Clicking a word plays from it</source>
        <translation>点击词语即从该处播放</translation>
    </message>
    <message>
        <source>Off: a click only moves the playhead to the word</source>
        <translation>关闭时，点击只把播放头移到该词</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>编辑器</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>{0}. Press “Use for this session only” to use the key now.</source>
        <translation>{0}。点击“仅本次会话使用”即可立即使用该密钥。</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <source>All sentences</source>
        <translation>所有句子</translation>
    </message>
    <message>
        <source>The selected sentence</source>
        <translation>所选句子</translation>
    </message>
    <message>
        <source>The selected sentence and all after it</source>
        <translation>所选句子及其后的所有句子</translation>
    </message>
    <message>
        <source>Shift times</source>
        <translation>平移时间</translation>
    </message>
    <message>
        <source>Shift by (negative: earlier)</source>
        <translation>平移量（负数为提前）</translation>
    </message>
    <message>
        <source>Which sentences</source>
        <translation>哪些句子</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>SpeakerDelegate</name>
    <message>
        <source>(no speaker)</source>
        <translation>（无说话人）</translation>
    </message>
    <message>
        <source>New speaker</source>
        <translation>新说话人</translation>
    </message>
</context>
<context>
    <name>SpellingTextEdit</name>
    <message>
        <source>Looking for suggestions…</source>
        <translation>正在查找建议…</translation>
    </message>
    <message>
        <source>Add “{0}” to dictionary</source>
        <translation>将“{0}”加入词典</translation>
    </message>
    <message>
        <source>No suggestions</source>
        <translation>没有建议</translation>
    </message>
</context>
<context>
    <name>SubtitlePanel</name>
    <message>
        <source>New track from preset…</source>
        <translation>用预设新建字幕轨…</translation>
    </message>
    <message>
        <source>Import subtitle file…</source>
        <translation>导入字幕文件…</translation>
    </message>
    <message>
        <source>Track:</source>
        <translation>字幕轨：</translation>
    </message>
    <message>
        <source>Translation:</source>
        <translation>译文：</translation>
    </message>
    <message>
        <source>This item has no subtitle track yet. Make one from the corrected transcript with “New track from preset…”, or import an SRT, WebVTT or ASS file.</source>
        <translation>此条目还没有字幕轨。可以用“用预设新建字幕轨…”从校对后的转写稿生成一条，或导入 SRT、WebVTT 或 ASS 文件。</translation>
    </message>
    <message>
        <source>Split cue at cursor</source>
        <translation>在光标处拆分字幕</translation>
    </message>
    <message>
        <source>Merge with next cue</source>
        <translation>与下一条字幕合并</translation>
    </message>
    <message>
        <source>Merge with previous cue</source>
        <translation>与上一条字幕合并</translation>
    </message>
    <message>
        <source>Move last word to next cue</source>
        <translation>将最后一个词移到下一条</translation>
    </message>
    <message>
        <source>Move first word to previous cue</source>
        <translation>将第一个词移到上一条</translation>
    </message>
    <message>
        <source>Insert cue at playhead</source>
        <translation>在播放位置插入字幕</translation>
    </message>
    <message>
        <source>Delete cue</source>
        <translation>删除字幕</translation>
    </message>
    <message>
        <source>Set start at playhead</source>
        <translation>将开始设为播放位置</translation>
    </message>
    <message>
        <source>Set end at playhead</source>
        <translation>将结束设为播放位置</translation>
    </message>
    <message>
        <source>Start 100 ms earlier</source>
        <translation>开始提前 100 毫秒</translation>
    </message>
    <message>
        <source>Start 100 ms later</source>
        <translation>开始推后 100 毫秒</translation>
    </message>
    <message>
        <source>End 100 ms earlier</source>
        <translation>结束提前 100 毫秒</translation>
    </message>
    <message>
        <source>End 100 ms later</source>
        <translation>结束推后 100 毫秒</translation>
    </message>
    <message>
        <source>Start one frame earlier</source>
        <translation>开始提前一帧</translation>
    </message>
    <message>
        <source>Start one frame later</source>
        <translation>开始推后一帧</translation>
    </message>
    <message>
        <source>End one frame earlier</source>
        <translation>结束提前一帧</translation>
    </message>
    <message>
        <source>End one frame later</source>
        <translation>结束推后一帧</translation>
    </message>
    <message>
        <source>Close the gap to the next cue</source>
        <translation>消除与下一条字幕的间隔</translation>
    </message>
    <message>
        <source>Snap start to shot change</source>
        <translation>开始吸附到镜头切换</translation>
    </message>
    <message>
        <source>Snap end to shot change</source>
        <translation>结束吸附到镜头切换</translation>
    </message>
    <message>
        <source>Shift cue times…</source>
        <translation>平移字幕时间…</translation>
    </message>
    <message>
        <source>Set stretch anchor at playhead</source>
        <translation>在播放位置设置拉伸锚点</translation>
    </message>
    <message>
        <source>Apply timing rules…</source>
        <translation>应用时间规则…</translation>
    </message>
    <message>
        <source>Next problem</source>
        <translation>下一个问题</translation>
    </message>
    <message>
        <source>Previous problem</source>
        <translation>上一个问题</translation>
    </message>
    <message>
        <source>Re-cut stale cues</source>
        <translation>重新切分过期字幕</translation>
    </message>
    <message>
        <source>Translate stale cues…</source>
        <translation>翻译过时的字幕条…</translation>
    </message>
    <message>
        <source>Translate selected cues…</source>
        <translation>翻译所选字幕条…</translation>
    </message>
    <message>
        <source>The translations are still being saved; try again.</source>
        <translation>译文仍在保存中，请稍后再试。</translation>
    </message>
    <message>
        <source>The subtitle track could not be saved: {0}</source>
        <translation>字幕轨无法保存：{0}</translation>
    </message>
    <message>
        <source>The track's preset {0} is gone; it is checked with Netflix English.</source>
        <translation>字幕轨的预设 {0} 已不存在；改用 Netflix 英语规则检查。</translation>
    </message>
    <message>
        <source>New track from preset</source>
        <translation>用预设新建字幕轨</translation>
    </message>
    <message>
        <source>Cut the corrected transcript into cues with:</source>
        <translation>用以下预设将校对后的转写稿切分为字幕：</translation>
    </message>
    <message numerus="yes">
        <source>Track {0} made: %n cue(s)</source>
        <translation>
            <numerusform>已生成字幕轨 {0}：%n 条字幕</numerusform>
        </translation>
    </message>
    <message>
        <source>Import subtitle file</source>
        <translation>导入字幕文件</translation>
    </message>
    <message>
        <source>Subtitle files (*.srt *.vtt *.ass *.ssa)</source>
        <translation>字幕文件 (*.srt *.vtt *.ass *.ssa)</translation>
    </message>
    <message>
        <source>No spell checking: {0}</source>
        <translation>不做拼写检查：{0}</translation>
    </message>
    <message>
        <source>Frame rate and shot changes unknown: {0}</source>
        <translation>帧率和镜头切换未知：{0}</translation>
    </message>
    <message numerus="yes">
        <source>%n cue(s)</source>
        <translation>
            <numerusform>%n 条字幕</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stale</source>
        <translation>
            <numerusform>%n 条过期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n translated</source>
        <translation>
            <numerusform>已翻译 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n translation(s) stale</source>
        <translation>
            <numerusform>%n 条译文已过时</numerusform>
        </translation>
    </message>
    <message>
        <source>Open or make a subtitle track first</source>
        <translation>请先打开或新建字幕轨</translation>
    </message>
    <message>
        <source>Select a cue first</source>
        <translation>请先选择一条字幕</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Choose the translation to bring up to date first</source>
        <translation>请先选择要更新的译文语言</translation>
    </message>
    <message>
        <source>No translation is stale; nothing to translate</source>
        <translation>没有过时的译文，无需翻译</translation>
    </message>
    <message>
        <source>Edit cue text</source>
        <translation>编辑字幕文本</translation>
    </message>
    <message>
        <source>Split cue</source>
        <translation>拆分字幕</translation>
    </message>
    <message>
        <source>Merge cues</source>
        <translation>合并字幕</translation>
    </message>
    <message>
        <source>Move word to next cue</source>
        <translation>将词移到下一条</translation>
    </message>
    <message>
        <source>Move word to previous cue</source>
        <translation>将词移到上一条</translation>
    </message>
    <message>
        <source>Insert cue</source>
        <translation>插入字幕</translation>
    </message>
    <message>
        <source>Set cue time</source>
        <translation>设置字幕时间</translation>
    </message>
    <message>
        <source>Adjust cue time</source>
        <translation>调整字幕时间</translation>
    </message>
    <message>
        <source>Close gap</source>
        <translation>消除间隔</translation>
    </message>
    <message>
        <source>Snap to shot change</source>
        <translation>吸附到镜头切换</translation>
    </message>
    <message>
        <source>No cue breaks a rule of the track's preset</source>
        <translation>没有字幕违反字幕轨预设的规则</translation>
    </message>
    <message>
        <source>Shift cue times</source>
        <translation>平移字幕时间</translation>
    </message>
    <message>
        <source>First anchor set; select another cue, play to where it belongs and set the second anchor</source>
        <translation>已设置第一个锚点；请选择另一条字幕，播放到它应在的位置，再设置第二个锚点</translation>
    </message>
    <message>
        <source>Stretch cue times</source>
        <translation>拉伸字幕时间</translation>
    </message>
    <message>
        <source>Every cue already follows the preset's timing rules</source>
        <translation>所有字幕都已符合预设的时间规则</translation>
    </message>
    <message>
        <source>Apply timing rules</source>
        <translation>应用时间规则</translation>
    </message>
    <message>
        <source>No cue is stale; nothing to re-cut</source>
        <translation>没有过期字幕，无需重新切分</translation>
    </message>
</context>
<context>
    <name>SyncTools</name>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Shift times…</source>
        <translation>平移时间(&amp;S)…</translation>
    </message>
    <message>
        <source>Set s&amp;tart here and shift the rest</source>
        <translation>在此设为开始并平移其后句子(&amp;T)</translation>
    </message>
    <message>
        <source>Stretch: set &amp;anchor here</source>
        <translation>拉伸：在此设锚点(&amp;A)</translation>
    </message>
    <message>
        <source>Apply timing &amp;rules…</source>
        <translation>应用时间规则(&amp;R)…</translation>
    </message>
    <message>
        <source>Select a sentence first</source>
        <translation>请先选择一个句子</translation>
    </message>
    <message>
        <source>Shift all times</source>
        <translation>平移全部时间</translation>
    </message>
    <message>
        <source>Shift sentence</source>
        <translation>平移句子</translation>
    </message>
    <message>
        <source>Shift from here on</source>
        <translation>从此处起平移</translation>
    </message>
    <message>
        <source>Set start and shift the rest</source>
        <translation>设定开始并平移其后句子</translation>
    </message>
    <message>
        <source>Starts at {0}; the sentences after it moved as much</source>
        <translation>从 {0} 开始；其后的句子平移了相同的量</translation>
    </message>
    <message>
        <source>Anchor 1: {0} → {1}. Now select a sentence far away, play to where it starts, and set anchor 2.</source>
        <translation>锚点 1：{0} → {1}。现在选择一个较远的句子，播放到它真正开始的位置，再设锚点 2。</translation>
    </message>
    <message>
        <source>Stretch between anchors</source>
        <translation>在两个锚点之间拉伸</translation>
    </message>
    <message>
        <source>Stretched: both anchors now start where you set them</source>
        <translation>已拉伸：两个锚点现在都从你设定的位置开始</translation>
    </message>
    <message>
        <source>Apply timing rules</source>
        <translation>应用时间规则</translation>
    </message>
    <message>
        <source>Nothing changed</source>
        <translation>没有改动</translation>
    </message>
    <message>
        <source>1 sentence retimed</source>
        <translation>已调整 1 个句子的时间</translation>
    </message>
    <message>
        <source>{0} sentences retimed</source>
        <translation>已调整 {0} 个句子的时间</translation>
    </message>
</context>
<context>
    <name>TimingChangesDialog</name>
    <message>
        <source>Apply timing rules</source>
        <translation>应用时间规则</translation>
    </message>
    <message>
        <source>Cue {0}: {1} → {2} – {3} ({4})</source>
        <translation>字幕 {0}：{1} → {2} – {3}（{4}）</translation>
    </message>
    <message>
        <source>These cues will be retimed, as one undoable step:</source>
        <translation>以下字幕将被重新定时，可一步撤销：</translation>
    </message>
</context>
<context>
    <name>TimingChangesModel</name>
    <message>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>minimum duration</source>
        <translation>最短时长</translation>
    </message>
    <message>
        <source>small gap closed</source>
        <translation>合并小间隔</translation>
    </message>
    <message>
        <source>minimum gap</source>
        <translation>最小间隔</translation>
    </message>
</context>
<context>
    <name>TimingRulesDialog</name>
    <message>
        <source>Apply timing rules</source>
        <translation>应用时间规则</translation>
    </message>
    <message>
        <source>Take the numbers of</source>
        <translation>采用以下预设的数值</translation>
    </message>
    <message>
        <source>Minimum duration</source>
        <translation>最短时长</translation>
    </message>
    <message>
        <source>Minimum gap</source>
        <translation>最小间隔</translation>
    </message>
    <message>
        <source>Close gaps shorter than</source>
        <translation>合并短于此值的间隔</translation>
    </message>
    <message>
        <source>1 sentence changes</source>
        <translation>1 个句子将改变</translation>
    </message>
    <message>
        <source>{0} sentences change</source>
        <translation>{0} 个句子将改变</translation>
    </message>
    <message>
        <source>Nothing to change: every sentence already follows these rules</source>
        <translation>无需改动：每个句子都已符合这些规则</translation>
    </message>
</context>
<context>
    <name>TrackModel</name>
    <message>
        <source>Set cue time</source>
        <translation>设置字幕时间</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>CPS</source>
        <translation>每秒字数</translation>
    </message>
    <message>
        <source>CPL</source>
        <translation>每行字数</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <source>Source changed since translated</source>
        <translation>翻译后原文已更改</translation>
    </message>
    <message>
        <source>The service did not translate this cue; type its translation.</source>
        <translation>服务未翻译此字幕条，请输入其译文。</translation>
    </message>
    <message>
        <source>{0} (unavoidable: {1})</source>
        <translation>{0}（无法避免：{1}）</translation>
    </message>
    <message>
        <source>The transcript changed under this cue: re-cut it or check it.</source>
        <translation>这条字幕对应的转写稿已修改：请重新切分或检查。</translation>
    </message>
    <message>
        <source>Edit cue text</source>
        <translation>编辑字幕文本</translation>
    </message>
    <message>
        <source>{0} is not a time; write it like {1}</source>
        <translation>{0} 不是时间；请按 {1} 的格式填写</translation>
    </message>
</context>
<context>
    <name>TrackSession</name>
    <message>
        <source>Saving the subtitle track failed: {0}</source>
        <translation>保存字幕轨失败：{0}</translation>
    </message>
</context>
<context>
    <name>TranscriptEditor</name>
    <message>
        <source>Transcript</source>
        <translation>转写稿</translation>
    </message>
    <message>
        <source>Subtitles</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>所有更改已保存</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Split sentence at cursor or clicked word</source>
        <translation>在光标或所点词处拆分句子(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Merge with next sentence</source>
        <translation>与下一句合并(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Timing</source>
        <translation>时间(&amp;T)</translation>
    </message>
    <message>
        <source>Start 100 ms earlier</source>
        <translation>开始提前 100 毫秒</translation>
    </message>
    <message>
        <source>Start 100 ms later</source>
        <translation>开始推后 100 毫秒</translation>
    </message>
    <message>
        <source>End 100 ms earlier</source>
        <translation>结束提前 100 毫秒</translation>
    </message>
    <message>
        <source>End 100 ms later</source>
        <translation>结束推后 100 毫秒</translation>
    </message>
    <message>
        <source>Re&amp;name speaker…</source>
        <translation>重命名说话人(&amp;N)…</translation>
    </message>
    <message>
        <source>Mark reviewed, go to next unreviewed</source>
        <translation>标记为已校对，转到下一个未校对</translation>
    </message>
    <message>
        <source>Next unreviewed</source>
        <translation>下一个未校对</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>R&amp;eplace…</source>
        <translation>替换(&amp;E)…</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <source>Revert to original</source>
        <translation>恢复为原始结果</translation>
    </message>
    <message>
        <source>&amp;Compare with another version…</source>
        <translation>与另一版本比较(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Play/pause</source>
        <translation>播放/暂停</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>后退 5 秒</translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation>前进 5 秒</translation>
    </message>
    <message>
        <source>Replay current sentence</source>
        <translation>重播当前句子</translation>
    </message>
    <message>
        <source>Zoom waveform in</source>
        <translation>放大波形</translation>
    </message>
    <message>
        <source>Zoom waveform out</source>
        <translation>缩小波形</translation>
    </message>
    <message>
        <source>One frame back</source>
        <translation>后退一帧</translation>
    </message>
    <message>
        <source>One frame forward</source>
        <translation>前进一帧</translation>
    </message>
    <message>
        <source>S&amp;ubtitles</source>
        <translation>字幕(&amp;U)</translation>
    </message>
    <message>
        <source>Show transcript</source>
        <translation>显示转写稿</translation>
    </message>
    <message>
        <source>Show subtitles</source>
        <translation>显示字幕</translation>
    </message>
    <message>
        <source>Show times as SMPTE timecode</source>
        <translation>以 SMPTE 时间码显示时间</translation>
    </message>
    <message>
        <source>No waveform for media played from a URL; import it with --media FILE</source>
        <translation>通过 URL 播放的媒体没有波形；请用 --media FILE 导入</translation>
    </message>
    <message>
        <source>Select a sentence to split</source>
        <translation>请选择要拆分的句子</translation>
    </message>
    <message>
        <source>Split sentence</source>
        <translation>拆分句子</translation>
    </message>
    <message>
        <source>Edit text</source>
        <translation>编辑文本</translation>
    </message>
    <message>
        <source>Click the word to split before, or put the cursor in the text</source>
        <translation>点击要在其前拆分的词，或将光标放在文本中</translation>
    </message>
    <message>
        <source>Merge sentences</source>
        <translation>合并句子</translation>
    </message>
    <message>
        <source>Adjust times</source>
        <translation>调整时间</translation>
    </message>
    <message>
        <source>This sentence has no speaker; pick one in the Speaker column first</source>
        <translation>此句没有说话人；请先在“说话人”列中选择</translation>
    </message>
    <message>
        <source>Rename speaker</source>
        <translation>重命名说话人</translation>
    </message>
    <message>
        <source>Name for {0} everywhere:</source>
        <translation>{0} 在所有位置的名称：</translation>
    </message>
    <message>
        <source>Every sentence shown is reviewed</source>
        <translation>显示的所有句子均已校对</translation>
    </message>
    <message>
        <source>Back to the original result; Undo brings your edits back</source>
        <translation>已恢复为原始结果；撤销可找回你的编辑</translation>
    </message>
    <message>
        <source>The original result ({0})</source>
        <translation>原始结果（{0}）</translation>
    </message>
    <message>
        <source>Saved version of {0}</source>
        <translation>{0} 保存的版本</translation>
    </message>
    <message>
        <source>{0} — {1} (item {2})</source>
        <translation>{0} — {1}（条目 {2}）</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>第 {0} / {1} 个</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>{0} replaced</source>
        <translation>已替换 {0} 处</translation>
    </message>
    <message>
        <source>Split before this word</source>
        <translation>在此词前拆分</translation>
    </message>
    <message>
        <source>Merge with next sentence</source>
        <translation>与下一句合并</translation>
    </message>
    <message>
        <source>Rename speaker…</source>
        <translation>重命名说话人…</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>标记为已校对</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>从这里播放</translation>
    </message>
    <message>
        <source>saving did not finish</source>
        <translation>保存未完成</translation>
    </message>
    <message>
        <source>Edits not saved</source>
        <translation>编辑未保存</translation>
    </message>
    <message>
        <source>Your last edits could not be saved: {0}

Close anyway and lose them?</source>
        <translation>最近的编辑无法保存：{0}

仍要关闭并丢失这些编辑吗？</translation>
    </message>
</context>
<context>
    <name>TranscriptModel</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>说话人</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已校对</translation>
    </message>
    <message>
        <source>Edit text</source>
        <translation>编辑文本</translation>
    </message>
    <message>
        <source>Change speaker</source>
        <translation>更改说话人</translation>
    </message>
    <message>
        <source>Move sentence</source>
        <translation>移动句子</translation>
    </message>
    <message>
        <source>Retime sentence</source>
        <translation>调整句子时间</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>标记为已校对</translation>
    </message>
    <message>
        <source>Mark not reviewed</source>
        <translation>标记为未校对</translation>
    </message>
    <message>
        <source>Change times</source>
        <translation>更改时间</translation>
    </message>
</context>
<context>
    <name>TranscriptSession</name>
    <message>
        <source>Revert to original</source>
        <translation>恢复为原始结果</translation>
    </message>
    <message>
        <source>Saving failed: {0}</source>
        <translation>保存失败：{0}</translation>
    </message>
</context>
<context>
    <name>TranscriptSpelling</name>
    <message>
        <source>No spell checking: {0}</source>
        <translation>不做拼写检查：{0}</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Sentences</source>
        <translation>句子</translation>
    </message>
</context>
<context>
    <name>TranslateDialog</name>
    <message>
        <source>Translate subtitle track</source>
        <translation>翻译字幕轨</translation>
    </message>
    <message>
        <source>Optional: a CSV file of term,translation rows</source>
        <translation>可选：每行为“术语,译文”的 CSV 文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Working out the cost…</source>
        <translation>正在估算费用…</translation>
    </message>
    <message>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Subtitle track</source>
        <translation>字幕轨</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>译为</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>术语表</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>自定术语</translation>
    </message>
    <message>
        <source>Cues</source>
        <translation>字幕条</translation>
    </message>
    <message numerus="yes">
        <source>Only %n chosen cue(s)</source>
        <translation>
            <numerusform>仅所选的 %n 条字幕</numerusform>
        </translation>
    </message>
    <message>
        <source>No item has a subtitle track yet: make one in the subtitle view first.</source>
        <translation>还没有条目带字幕轨：请先在字幕视图中创建一个。</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Every cue is translated already; nothing to send.</source>
        <translation>所有字幕都已翻译，无需发送。</translation>
    </message>
    <message numerus="yes">
        <source>%n cue(s) to translate</source>
        <translation>
            <numerusform>待翻译 %n 条字幕</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} request(s), about {1} tokens sent and {2} received.</source>
        <translation>{0} 次请求，约发送 {1} 个 token、接收 {2} 个。</translation>
    </message>
    <message>
        <source>Cost: about {0} {1}.</source>
        <translation>费用：约 {0} {1}。</translation>
    </message>
    <message>
        <source>Cost: unknown (the model's price here is not published).</source>
        <translation>费用：未知（该模型在此地域的价格未公布）。</translation>
    </message>
    <message>
        <source>The glossary table could not be saved: {0}</source>
        <translation>无法保存术语表：{0}</translation>
    </message>
</context>
<context>
    <name>TranslationColumn</name>
    <message>
        <source>The translations could not be read: {0}</source>
        <translation>无法读取译文：{0}</translation>
    </message>
    <message>
        <source>Edit translation</source>
        <translation>编辑译文</translation>
    </message>
    <message>
        <source>Saving the translation failed: {0}</source>
        <translation>保存译文失败：{0}</translation>
    </message>
</context>
<context>
    <name>TranslationGroup</name>
    <message>
        <source>Translating subtitles</source>
        <translation>翻译字幕</translation>
    </message>
    <message>
        <source>Qwen-MT is made for translation and costs least; a chat model follows a prompt.</source>
        <translation>Qwen-MT 专为翻译而设、费用最低；对话模型按提示词翻译。</translation>
    </message>
    <message>
        <source>Translation model</source>
        <translation>翻译模型</translation>
    </message>
</context>
<context>
    <name>TranslationLine</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Translating “{0}” into {1}…</source>
        <translation>正在将“{0}”译为{1}…</translation>
    </message>
    <message>
        <source>%v of %m cues</source>
        <translation>%v / %m 条字幕</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Stopped translating “{0}” into {1}; what was translated is kept.</source>
        <translation>已停止将“{0}”译为{1}；已翻译的部分均已保留。</translation>
    </message>
    <message numerus="yes">
        <source>Translated “{0}” into {1}; %n cue(s) the service would not translate.</source>
        <translation>
            <numerusform>已将“{0}”译为{1}；服务拒绝翻译其中 %n 条字幕。</numerusform>
        </translation>
    </message>
    <message>
        <source>Translated “{0}” into {1}.</source>
        <translation>已将“{0}”译为{1}。</translation>
    </message>
    <message>
        <source>Translating “{0}” failed: {1}</source>
        <translation>翻译“{0}”失败：{1}</translation>
    </message>
</context>
<context>
    <name>TranslationModelCombo</name>
    <message>
        <source>{0} (Qwen-MT translation model)</source>
        <translation>{0}（Qwen-MT 翻译模型）</translation>
    </message>
    <message>
        <source>{0} (chat model, with a prompt)</source>
        <translation>{0}（对话模型，使用提示词）</translation>
    </message>
</context>
<context>
    <name>UrlDialog</name>
    <message>
        <source>Add URLs</source>
        <translation>添加网址</translation>
    </message>
    <message>
        <source>Public http(s) URLs of audio or video, one per line:</source>
        <translation>音频或视频的公开 http(s) 网址，每行一个：</translation>
    </message>
    <message>
        <source>Not a URL: {0}</source>
        <translation>不是网址：{0}</translation>
    </message>
    <message>
        <source>Enter a URL.</source>
        <translation>请输入网址。</translation>
    </message>
</context>
<context>
    <name>VocabularyWindow</name>
    <message>
        <source>Hotword vocabularies</source>
        <translation>热词表</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>up to 9 lowercase letters or digits</source>
        <translation>最多 9 个小写字母或数字</translation>
    </message>
    <message>
        <source>Add word</source>
        <translation>添加词</translation>
    </message>
    <message>
        <source>Remove word</source>
        <translation>删除词</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>For model</source>
        <translation>适用模型</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <source>No vocabularies yet: press New… to make one.</source>
        <translation>还没有热词表：点击“新建…”创建一个。</translation>
    </message>
    <message>
        <source>Loading vocabularies…</source>
        <translation>正在加载热词表…</translation>
    </message>
    <message>
        <source>Loading {0}…</source>
        <translation>正在加载 {0}…</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>正在创建…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>Delete vocabulary</source>
        <translation>删除热词表</translation>
    </message>
    <message>
        <source>Delete {0} from the account? Jobs that name it will fail.</source>
        <translation>要从账户中删除 {0} 吗？使用它的任务将会失败。</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
</context>
<context>
    <name>WaveformPanel</name>
    <message>
        <source>Reading the waveform…</source>
        <translation>正在读取波形…</translation>
    </message>
    <message>
        <source>No waveform: {0}</source>
        <translation>没有波形：{0}</translation>
    </message>
</context>
<context>
    <name>WaveformView</name>
    <message>
        <source>Click to seek; drag a sentence's edge to retime it, its body to move it (Shift: no snapping); Ctrl+wheel zooms</source>
        <translation>单击跳转；拖动句子边缘调整时间，拖动句子本身移动它（按住 Shift：不吸附）；Ctrl+滚轮缩放</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Welcome to Tingxie&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;欢迎使用听写&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;ol&gt;&lt;li&gt;Create a DashScope API key in the Model Studio (百炼) console: &lt;a href="{0}"&gt;China (Beijing)&lt;/a&gt; or &lt;a href="{1}"&gt;International (Singapore)&lt;/a&gt;.&lt;/li&gt;&lt;li&gt;Enter it in &lt;b&gt;Tools → Settings&lt;/b&gt;; it is kept in the system keyring.&lt;/li&gt;&lt;li&gt;Drop audio or video files on this window. Finished transcripts appear in the library; open one to listen, correct and export subtitles.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol&gt;&lt;li&gt;在百炼（Model Studio）控制台创建 DashScope API 密钥：&lt;a href="{0}"&gt;中国（北京）&lt;/a&gt;或&lt;a href="{1}"&gt;国际（新加坡）&lt;/a&gt;。&lt;/li&gt;&lt;li&gt;在&lt;b&gt;工具 → 设置&lt;/b&gt;中输入密钥；它保存在系统钥匙环中。&lt;/li&gt;&lt;li&gt;把音频或视频文件拖到此窗口。完成的转写会出现在资料库中；打开即可收听、校对并导出字幕。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Drop audio or video files here to transcribe them.</source>
        <translation>把音频或视频文件拖到这里进行转写。</translation>
    </message>
    <message>
        <source>&lt;ol&gt;&lt;li&gt;Drop audio or video files on this window, or use &lt;b&gt;File → Transcribe files…&lt;/b&gt;.&lt;/li&gt;&lt;li&gt;Finished transcripts appear in the library; open one to listen, correct and export subtitles.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol&gt;&lt;li&gt;把音频或视频文件拖到此窗口，或使用&lt;b&gt;文件 → 转写文件…&lt;/b&gt;。&lt;/li&gt;&lt;li&gt;完成的转写会出现在资料库中；打开即可收听、校对并导出字幕。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Enter API key…</source>
        <translation>输入 API 密钥…</translation>
    </message>
    <message>
        <source>Open the sample</source>
        <translation>打开示例</translation>
    </message>
    <message>
        <source>A ten-second recording with its transcript: try the editor and export now.</source>
        <translation>一段十秒的录音及其转写：立即试用编辑器和导出。</translation>
    </message>
</context>
<context>
    <name>_EntryDelegate</name>
    <message>
        <source>(any)</source>
        <translation>（任意）</translation>
    </message>
</context>
<context>
    <name>_SummariesModel</name>
    <message>
        <source>Vocabulary</source>
        <translation>热词表</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
</context>
</TS>