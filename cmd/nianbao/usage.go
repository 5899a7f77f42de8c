package main

// usageHead and usageTail frame the list of commands in the main help; the
// list itself comes from the command registry (commands.go).
const usageHead = `nianbao —— 政府信息公开工作年度报告的提取与审核工具

用法：
`

const usageTail = `
支持的格式：PDF（含扫描件，需 tesseract）、HTML（网页）、DOCX、DOC/WPS（需 LibreOffice）、RTF、纯文本、Markdown、PNG/JPEG 图片（需 tesseract）。
退出码：0 没有达到 --fail-on 级别的问题；1 有；2 用法错误、有文件无法读取、被中断（Ctrl-C）或输出无法写入。
`

// helpText holds the help of the first commands; newer commands keep theirs in
// their own file.
var helpText = map[string]string{
	"audit": `用法：nianbao audit [选项] 文件或目录…

逐个读取年报，识别模板表格并运行全部审核规则。目录会递归查找这些文件：
  {EXTS}
跳过 README、NOTES、SOURCES 等说明文件，以及 nianbao crawl 抓取的只是附件外壳的网页
（正文很少，附件另行审核）；网页连同图片保存时，旁边的“页面_files”“页面.files”文件夹和网页显示的
图片属于该网页（表格图片随网页以 OCR 识别），不单独作为年报；直接给出的文件照常审核。目录中 nianbao 不能读取格式的年报
（.ofd 版式文件、.zip 等压缩包）不会被悄悄略过：标准错误上逐个列出，并说明如何处理。
一个文件读不了不会影响其他文件，它会在结果中标为“无法读取”。
同一机关同一年度的报告有多份文件（网页和附件、重复下载、更正版）时，每份都单独审核，
结果中另行列出这些文件及其表格数字是否相同（json 为 copies 列表，csv 写在标准错误上）。
在终端中处理多个文件时，标准错误上显示进度（已处理 n/N 个文件）。

选项：
  --format text|json|csv|md|xlsx|html
                           输出格式（默认按 -o 的扩展名：.html .json .csv .md .xlsx .txt，否则 text：汇总表 + 逐条问题；json 见 spec/json.md；
                           csv 每条问题一行，可用 Excel/WPS 打开；md 会议纪要用的 Markdown；
                           xlsx 工作簿（汇总、问题清单、数据、对比、对比明细、规则）；html 单个网页文件，可离线打开和打印）
  -o 文件                  写入文件（整份写完才替换原文件；所在目录须已存在）；默认标准输出；
                           xlsx 不能输出到终端
  --sort severity|issuer|file
                           汇总表的顺序：问题最严重的在前、按发布机关和年度、按文件路径（默认按输入顺序）
  --wide                   汇总表保留完整的文件名和机关名（默认缩短中间部分以适应终端宽度：
                           环境变量 COLUMNS，或输出到终端时终端的宽度，否则 100 列）
  --fail-on error|warning|info|never
                           达到该级别的问题使退出码为 1（默认 error）
  --profile 文件           审核配置（JSON）：各类机关的公布期限、规则的严重程度、停用的规则、阈值；
                           未给出的项取默认值（条例第四十九条）
  --baseline 文件          基线：nianbao baseline add 写的豁免文件（每条写明理由），或上次
                           nianbao audit --format json 的输出；其中已列出的问题
                           （按文件路径或内容摘要与问题指纹识别）不再报告，只显示新问题；
                           不再对应任何问题的豁免在标准错误上列为“已过时”
  --workers N              并行处理的文件数（默认 CPU 核数）；输出与 N 无关
  --timeout 时长           单个文件的处理时限（默认 2m）；超时即停止该文件的处理
  --max-memory 大小        单个文件的内存预算（默认 128M，可写 K、M、G，至少 1M）；超出时截断或拒绝该文件
  --east-asian-width       把“”、框线等宽度不定的字符按两列计算（老式中文终端）
  --stream                 （json、csv）每份报告读完即写出，不等待跨报告的比较（与上年报告、
                           同批次其他机关的报告）：这些比较后来得出的问题，json 写在 reports 之后的
                           cross_report 列表（report 为其在 reports 中的序号），csv 写在末尾的行中
json 与 csv 每处理完一个文件即按输入顺序写出（跨报告的比较需要时，报告会等到能比较为止；
用 --stream 则不等）；按 Ctrl-C 或收到 SIGTERM 时停止处理，输出已处理完的文件并列出
未处理的文件，退出码为 2。
`,
	"extract": `用法：nianbao extract [选项] 文件…

提取年报内容并显示：标题、发布机关、年度、模板版本、六个部分、三张表格的全部数字。
空白单元格显示为“空”，不会当作 0；存疑的读数后面带“?”。

选项：
  --format text|json|csv   输出格式（默认按 -o 的扩展名：.json .csv .txt，否则 text；json 每个文件一行，见 spec/json.md；
                           csv 每个文件一行、每个单元格一列（列名即单元格编号），可用 Excel/WPS 打开）
  -o 文件                  写入文件；默认标准输出
  --workers N              并行处理的文件数（默认 CPU 核数）
  --timeout 时长           单个文件的处理时限（默认 2m）；超时即停止该文件的处理
  --max-memory 大小        单个文件的内存预算（默认 128M，可写 K、M、G，至少 1M）；超出时截断或拒绝该文件
  --east-asian-width       把“”、框线等宽度不定的字符按两列计算（老式中文终端）
`,
	"rules": `用法：nianbao rules

列出全部审核规则：编号、类别、默认严重程度、标题。
`,
	"profile": `用法：nianbao profile > 配置.json

输出默认的审核配置（JSON）：各类发布机关的公布期限（条例第四十九条）、宽限天数、
按规则编号改写的严重程度、停用的规则、存疑结论的严重程度上限、第五部分最短字数、
照搬上年报告的相似度阈值（copy_similarity）、不同机关报告雷同的比例阈值（peer_copy_share）。修改后用 nianbao audit --profile 配置.json 使用。
`,
	"version": `用法：nianbao version

显示 nianbao 的版本。
`,
	"help": `用法：nianbao help [命令]

不给命令时列出全部命令；给出命令时显示该命令的用法和选项（与 nianbao 命令 -h 相同）。
`,
	"explain": `用法：nianbao explain 规则编号

显示一条规则的完整说明：标题、类别、严重程度、依据、解释和示例。
`,
}
