/**
 * Synthetic archive for benchmarks: deterministic Markdown articles in the same Hugo front-matter
 * format as the real corpus, at any scale. All text is assembled from the vocabulary below, so the
 * output is ours to ship and reproduce.
 *
 *   npx tsx bench/generate.ts <dir> <count> [seed]
 */
import { realpathSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export interface GenerateOptions {
  seed?: number
  /** Share of Chinese articles (simplified and traditional together); the rest are English. */
  zhRatio?: number
}

export interface GenerateResult {
  files: number
  bytes: number
}

export type Rng = () => number

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Each file gets its own stream, so file i is the same whatever `count` is and whatever order the
 * writes finish in.
 */
function fileSeed(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

// ---------------------------------------------------------------------------------------------
// Weighted picking

/** A word, or a word with a weight relative to the default 1. */
type Entry = string | readonly [string, number]

interface Bag<T = string> {
  items: T[]
  /** Cumulative weights; null when all weights are equal, to skip the binary search. */
  cum: Float64Array | null
  total: number
}

function bag(entries: readonly Entry[]): Bag {
  return weightedBag(
    entries.map((e) => (typeof e === 'string' ? e : e[0])),
    entries.map((e) => (typeof e === 'string' ? 1 : e[1])),
  )
}

function weightedBag<T>(items: T[], weights: readonly number[]): Bag<T> {
  if (weights.every((w) => w === 1)) return { items, cum: null, total: items.length }
  const cum = new Float64Array(weights.length)
  let total = 0
  weights.forEach((w, k) => {
    total += w
    cum[k] = total
  })
  return { items, cum, total }
}

/** Rank-ordered list where the k-th item is about k times rarer than the first. */
function zipfBag(items: readonly string[], s = 1): Bag {
  return bag(items.map((item, k) => [item, 1 / Math.pow(k + 1, s)] as const))
}

function pick<T>(b: Bag<T>, rng: Rng): T {
  const n = b.items.length
  if (b.cum === null) return b.items[Math.floor(rng() * n)] as T
  const r = rng() * b.total
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((b.cum[mid] as number) > r) hi = mid
    else lo = mid + 1
  }
  return b.items[lo] as T
}

function pickOf<T>(items: readonly T[], rng: Rng): T {
  return items[Math.floor(rng() * items.length)] as T
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. Every article has one topic; sentences fill subject (S), object (O) and predicate
// (P) slots from the topic's lists, the rest from shared ones. Search terms that benchmarks look
// for are `rare` words: an article switches each one on with probability `doc` and then uses it
// in some of that slot's fills, so a term has a known share of articles and repeats within them,
// as in real news. Share of article bodies holding a term (20,000 articles, seed 1): Chinese 市场
// 87%, 经济 78%, 人工智能 14%, 苹果 5.5%, 降息 3.8%, 阿里巴巴 1.4%, 阿里云 0.3%; English market
// 77%, rates 31%, election 22%, Apple 4%, Alibaba 2%, café 1%.

type Slot = 'S' | 'O' | 'P'

interface RareSource {
  slot: Slot
  doc: number
  words: readonly Entry[]
}

interface TopicSource {
  weight: number
  s: readonly Entry[]
  o: readonly Entry[]
  p: readonly Entry[]
  rare?: readonly RareSource[]
}

interface LangSource {
  topics: readonly TopicSource[]
  t: readonly Entry[]
  a: readonly Entry[]
  v: readonly Entry[]
  c: readonly Entry[]
  x: readonly Entry[]
  m: readonly Entry[]
  r: readonly Entry[]
  sentences: readonly Entry[]
  titles: readonly string[]
  headings: readonly string[]
  items: readonly string[]
  table: readonly [string, string, string]
  /** Most common first: they are drawn with a Zipf distribution. */
  tags: readonly Entry[]
}

/** Whitespace-separated words, each optionally weighted as `word*0.5`. */
function words(strings: TemplateStringsArray): Entry[] {
  return entries(strings.raw.join('').split(/\s+/))
}

/** English phrases contain spaces, so they are separated by bars or line breaks instead. */
function phrases(strings: TemplateStringsArray): Entry[] {
  return entries(strings.raw.join('').split(/\s*\|\s*|\n/))
}

function entries(list: string[]): Entry[] {
  const out: Entry[] = []
  for (const raw of list) {
    const w = raw.trim()
    if (w === '') continue
    const m = /^(.*)\*([\d.]+)$/.exec(w)
    out.push(m ? [m[1] as string, Number(m[2])] : w)
  }
  return out
}

const ZH: LangSource = {
  topics: [
    {
      weight: 3,
      s: words`
        科技公司 互联网企业 芯片厂商 手机厂商 创业公司 研发团队 平台企业 头部厂商 开发者社区
        云服务商 软件公司 初创企业 硬件厂商 高校实验室
        腾讯*0.3 华为*0.4 小米*0.3 百度*0.2 字节跳动*0.2
      `,
      o: words`
        云计算服务 数据中心 芯片
        半导体产能 智能手机 操作系统 开源项目 自动驾驶技术 服务机器人 算力 网络安全 数字化转型
        智能硬件 可穿戴设备 5G网络 卫星互联网 研发投入 新一代处理器 搜索服务 办公软件 应用商店
        折叠屏手机 开发者工具 量子计算
      `,
      p: words`
        引发业内广泛关注 行业竞争日趋激烈 市场空间仍然广阔 技术门槛不断提高 商业化进程有所加快
        用户规模持续扩大 相关概念股应声上涨 监管框架有待完善 供应链压力有所缓解
        数据安全问题受到重视 研发成本居高不下 海外市场拓展提速 数字经济规模继续扩大
      `,
      rare: [
        { slot: 'S', doc: 0.05, words: words`阿里巴巴` },
        { slot: 'S', doc: 0.02, words: words`阿里云` },
        { slot: 'S', doc: 0.12, words: words`苹果公司` },
        { slot: 'O', doc: 0.06, words: words`苹果手机 苹果新机` },
        { slot: 'O', doc: 0.55, words: words`人工智能大模型 人工智能应用 生成式人工智能` },
        { slot: 'P', doc: 0.2, words: words`人工智能市场规模快速增长` },
      ],
    },
    {
      weight: 3,
      s: words`
        央行 商业银行 监管部门 投资者 基金公司 券商 保险机构 外资机构 上市公司 证券交易所
        美联储*0.4 欧洲央行*0.2 财政部门 私募基金 机构投资者 散户 国有大行 信托公司
      `,
      o: words`
        货币政策 利率 贷款市场报价利率 存款利率 信贷投放 债券市场 A股市场 股票市场 外汇储备
        人民币汇率 理财产品 资本市场改革 融资成本 流动性 通胀数据
        经济数据 财政政策 专项债 黄金价格 大宗商品 市场利率 分红方案 港股通
      `,
      p: words`
        市场反应平稳 市场情绪有所回暖 经济复苏仍面临压力 带动相关板块上涨
        经济基本面保持稳定
        外部环境依然复杂 市场波动明显加大 宏观经济运行总体平稳 资金面保持合理充裕
        投资者风险偏好下降 经济增长动能有所增强 成交额较前一交易日放大
      `,
      rare: [
        {
          slot: 'P',
          doc: 0.12,
          words: words`降息预期再度升温 央行宣布降息25个基点 市场预计年内还有降息空间`,
        },
        { slot: 'O', doc: 0.05, words: words`降息预期 降息节奏` },
      ],
    },
    {
      weight: 2,
      s: words`
        零售企业 电商平台 连锁超市 餐饮品牌 购物中心 消费者 品牌商 直播电商 快递企业 外卖平台
        茶饮品牌 旅行社 京东*0.2 拼多多*0.15 美妆品牌
      `,
      o: words`
        消费券 线上购物节 会员服务 即时零售 下沉市场 跨境电商 新锐品牌 家电以旧换新 预制菜
        生鲜配送 门店网络 促销活动 旅游市场 假日消费 国货品牌 首店经济 二手交易 咖啡连锁
      `,
      p: words`
        消费市场逐步回暖 客流量明显增加 价格战愈演愈烈 消费者更加理性 线上线下融合加速
        销售额创历史新高 经济内生动力增强 市场需求有所分化
      `,
      rare: [{ slot: 'S', doc: 0.04, words: words`阿里巴巴` }],
    },
    {
      weight: 1.5,
      s: words`
        车企 新能源车企 汽车经销商 电池厂商 零部件供应商 造车新势力 合资品牌 充电运营商
        比亚迪*0.3 特斯拉*0.3
      `,
      o: words`
        新能源汽车 动力电池 充电桩 智能驾驶 车型价格 出口业务 固态电池 海外工厂 换电站 汽车消费
        二手车市场 车联网
      `,
      p: words`
        汽车市场竞争加剧 销量同比增长明显 价格战仍在持续 渗透率进一步提升 出口成为新的增长点
        行业加速洗牌
      `,
    },
    {
      weight: 1.2,
      s: words`
        房企 开发商 购房者 住建部门 中介机构 物业公司 地方政府 城投公司
      `,
      o: words`
        房地产市场 房贷利率 首付比例 限购政策 保障性住房 二手房 新房销售 土地出让 城市更新
        租赁市场 老旧小区改造 公积金政策
      `,
      p: words`
        楼市成交量有所回升 房价总体保持稳定 市场观望情绪浓厚 政策效果逐步显现 去库存压力依然较大 市场信心有待恢复
      `,
      rare: [{ slot: 'P', doc: 0.1, words: words`降息对楼市的提振作用有限` }],
    },
    {
      weight: 1,
      s: words`
        农户 种粮大户 合作社 农业企业 农业农村部门 果农 收购商 农技人员 批发市场
      `,
      o: words`
        粮食生产 农产品价格 高标准农田 种子 化肥 冷链物流 生猪价格 蔬菜供应 茶叶
        秋粮收购 农村电商 智慧农业 乡村旅游
      `,
      p: words`
        丰收已成定局 价格保持平稳 市场供应充足 农民收入稳步增长 天气因素影响较大
        产销对接更加顺畅 农村经济持续向好
      `,
      rare: [
        { slot: 'O', doc: 0.25, words: words`苹果价格` },
        { slot: 'S', doc: 0.1, words: words`苹果种植户` },
      ],
    },
    {
      weight: 1,
      s: words`
        博物馆 图书馆 出版社 剧院 电影公司 美术馆 文旅部门 音乐节主办方 游戏公司 独立书店
        非遗传承人
      `,
      o: words`
        特展 文创产品 新书 演出季 春节档电影 阅读推广活动 数字藏品 非物质文化遗产 文旅项目
        夜间经济*0.5 票房 短视频平台
      `,
      p: words`
        观众反响热烈 门票一票难求 票房表现超出预期 文化消费持续升温 吸引大批年轻人
        带动周边经济发展
      `,
    },
    {
      weight: 0.8,
      s: words`
        国家队 俱乐部 主教练 运动员 赛事主办方 体育部门 马拉松组委会 球迷
      `,
      o: words`
        联赛 世界杯预选赛 马拉松赛事 青训体系 全民健身 转会市场 体育场馆 赛事转播权 冬季运动
        电子竞技
      `,
      p: words`
        比赛异常激烈 球队状态有所回升 报名人数再创新高 体育产业规模不断扩大 赛事经济效应明显
      `,
    },
    {
      weight: 0.8,
      s: words`
        铁路部门 航空公司 地铁运营方 民航部门 港口 物流企业 网约车平台 公交集团
      `,
      o: words`
        高铁线路 国际航线 地铁新线 春运 机场扩建 城际铁路 港口吞吐量 低空经济 共享单车 货运量
      `,
      p: words`
        客流量再创新高 出行更加便利 运力保障有序推进 准点率明显提升 区域经济联系更加紧密
      `,
    },
    {
      weight: 0.8,
      s: words`
        医院 卫健部门 药企 医保部门 研究团队 疾控中心 医生 体检机构
      `,
      o: words`
        创新药 医保目录 疫苗 分级诊疗 互联网医疗 慢性病管理 医疗器械 集中采购 健康管理
      `,
      p: words`
        患者负担有所减轻 审批速度明显加快 临床效果良好 行业进入调整期 基层服务能力提升
      `,
      rare: [{ slot: 'O', doc: 0.3, words: words`人工智能辅助诊断` }],
    },
  ],
  t: words`
    今年以来 上周 近日 本月初 去年同期 第一季度 第二季度 第三季度 第四季度 上半年 下半年
    过去五年 未来三年 今年前八个月 昨日 本周 周一 周三 周五 月底前 年内 近年来 此前 目前 短期内
    长期来看 春节前后 国庆假期期间 暑期 年初
  `,
  a: words`
    进一步 持续 明显 逐步 大幅 小幅 积极 加快 稳步 首次 再次 正式 全面 重点 陆续 集中 主动 谨慎
    有序 显著
  `,
  v: words`
    推出 发布 加大 调整 布局 关注 扩大 收紧 放宽 投资 收购 提升 优化 降低 讨论 研究 升级 上线
    试点 推广 完善 规范 支持 引入 拓展 整合 评估 披露 公布 启动 暂停 恢复 加码 押注 开放 改造
    建设 签约 落地 部署
  `,
  c: words`
    与此同时 此外 不过 另一方面 总体来看 值得注意的是 业内人士指出 事实上 从数据来看 相比之下
    另据了解 对此 从长期看 据悉 分析认为
  `,
  x: words`
    北京 上海 深圳 杭州 广州 成都 武汉 南京 重庆 西安 苏州 天津 长沙 郑州 青岛 厦门 合肥 宁波
    昆明 沈阳 长三角地区 珠三角 中西部地区 东南亚 欧洲 全国 多地 一线城市 县域
  `,
  m: words`
    晨报 商报 财经周刊 科技快讯 都市快报 江南时报 多家媒体 业内媒体
  `,
  r: words`
    相关负责人 一位分析师 业内人士 接受采访的专家 公司高管 一名基金经理 行业协会负责人
    某券商首席分析师 研究员 当地官员 一位从业者 市民 消费者代表
  `,
  sentences: [
    '{T}，{S}{A}{V}{O}。',
    '{S}{T}{V}{O}，{P}。',
    '{C}，{S}{A}{V}{O}，{P}。',
    '据{M}报道，{X}的{S}{T}{V}{O}。',
    '{R}表示，{O}{P}，{S}将{A}{V}{O}。',
    '数据显示，{T}{X}{O}规模达到{N}亿元，同比增长{Q}%。',
    '{R}认为，{P}，但{O}仍存在不确定性。',
    '“{S}{A}{V}{O}，{P}。”{R}说。',
    '{X}{S}{T}宣布{V}{O}，{P}。',
    '{C}，{O}{P}。',
    '在{X}，{S}{V}{O}，{S}{A}{V}{O}。',
    '{T}，{X}的{O}{P}，{S}的态度趋于{Z}。',
    // These two put 市场 and 经济 into articles outside the business topics; rarer, so that
    // neither word is in every article.
    ['{R}认为，{X}市场的{O}{P}。', 0.08],
    ['从{X}的情况看，{O}{P}，经济学界对此看法不一。', 0.05],
  ],
  titles: ['{S}{V}{O}', '{X}{O}{P}', '{T}{O}{P}', '{S}：{O}{P}', '{S}{A}{V}{O}，{P}'],
  headings: ['{O}', '{O}{P}', '{S}如何{V}{O}', '{X}的{O}'],
  items: ['{S}{V}{O}；', '{O}{P}；', '{X}：{O}{P}；'],
  table: ['项目', '数值（亿元）', '同比'],
  tags: words`
    财经 科技 经济 市场 国内 国际 社会 股票 汽车 房产 消费 互联网 人工智能 手机 教育 健康 体育
    娱乐 文化 旅游 银行 基金 新能源 芯片 电商 政策 就业 环保 农业 交通 能源 外贸 制造业 医药
    保险 债券 黄金 原油 美股 港股 A股 汇率 通胀 央行 降息 创业 游戏 电影 音乐 图书 出版 博物馆
    展览 铁路 航空 物流 快递 外卖 餐饮 零售 奢侈品 家电 智能家居 云计算 大数据 网络安全 区块链
    机器人 无人机 自动驾驶 电池 光伏 风电 氢能 碳中和 气候 天气 灾害 城市 乡村 养老 医保 疫苗
    学校 高考 留学 科研 航天 卫星 考古 历史 非遗 茶叶 美食 时尚 综艺 电视剧 动漫 足球 篮球 网球
    马拉松 奥运 电竞 健身 宠物 亲子 人口 住房 租房 二手车 充电桩 港口 地铁 高铁 民航 签证 出境游
    酒店 免税 跨境电商 直播 短视频 社交媒体 搜索引擎 操作系统 开源 软件 硬件 半导体 5G 通信
    手机游戏 苹果 阿里巴巴 腾讯 华为 小米 比亚迪 特斯拉 京东 美团 百度 字节跳动 阿里云 财报 上市
    并购 裁员 招聘 工资 个税 社保 公积金 消费券 补贴 关税 贸易 出口 进口 供应链 粮食 猪肉 蔬菜
    水果 咖啡 奶茶 白酒 化妆品 母婴 家居 装修 建材 钢铁 煤炭 化工 稀土 水利 电力 电网 储能 锂电
    光刻机 显示屏 服务器 数据中心 算力 大模型 编程 创投 独角兽 科创板 期货 外汇 数字货币 支付
    信用卡 小微企业 民营经济 乡村振兴 城市更新 文旅 夜经济 露营 冰雪 读书
  `,
}

const EN: LangSource = {
  topics: [
    {
      weight: 2,
      s: phrases`
        voters | the governing party | opposition leaders | the electoral commission
        the prime minister | lawmakers | the city council | campaign staff | candidates
        pollsters | the senate | local officials | the finance committee
      `,
      o: phrases`
        the election*1.2 | next year's elections*0.6 | a new budget | the reform bill
        campaign finance rules | turnout figures | a coalition deal | the voting timetable
        postal ballots | a televised debate | a referendum | the spending review
      `,
      p: phrases`
        turnout in the election is expected to be high*0.6
        the result remains too close to call | the debate is unlikely to end soon
        support for the proposal has been falling | the opposition called for an inquiry
        both sides claimed victory | several districts will hold fresh elections*0.3
        the market barely reacted to the news
      `,
    },
    {
      weight: 3,
      s: phrases`
        the central bank | investors | analysts | the Federal Reserve*0.4 | regional lenders
        bond traders | fund managers | the finance ministry | mortgage lenders | shareholders
        pension funds
      `,
      o: phrases`
        interest rates*1.5 | mortgage rates | the stock market*1.2 | the bond market
        the housing market | inflation data | quarterly earnings | the currency market
        a rate cut | borrowing costs | oil prices | the jobs report | emerging market debt
      `,
      p: phrases`
        the market reacted calmly | rates are likely to stay on hold
        markets had already priced in a cut | the economy is slowing more than expected
        inflation remains above target | stock markets closed higher | bond yields fell sharply
        the outlook for rates remains uncertain
      `,
      rare: [{ slot: 'S', doc: 0.02, words: phrases`Alibaba` }],
    },
    {
      weight: 2.5,
      s: phrases`
        the startup | chipmakers | software developers | the company | engineers | regulators
        cloud providers | open-source maintainers | a research lab
      `,
      o: phrases`
        artificial intelligence tools*1 | a new smartphone | the data centre
        technology spending*0.8 | the operating system | its cloud platform | security patches
        a language model | chip exports | the app store | battery technology
        a developer conference
      `,
      p: phrases`
        the technology is still maturing | competition in the market is fierce
        users have welcomed the change | privacy groups raised concerns
        shares in the sector rose | demand for computing power keeps growing
      `,
      rare: [
        { slot: 'S', doc: 0.15, words: phrases`Apple` },
        { slot: 'S', doc: 0.05, words: phrases`Alibaba` },
      ],
    },
    {
      weight: 1,
      s: phrases`
        forecasters | scientists | researchers | the weather service | coastal towns | farmers
        the space agency | astronomers
      `,
      o: phrases`
        heavy rain | the heatwave | spring tides | crop yields | the new telescope
        sea temperatures | river levels | wildfire risk | a rare eclipse
      `,
      p: phrases`
        temperatures will stay above average | more showers are expected later in the week
        the findings need further study | the data surprised many experts
        flood warnings remain in place
      `,
    },
    {
      weight: 1,
      s: phrases`
        the museum | the city library | a local bakery | the festival organisers
        the theatre company | the orchestra
        bookshop owners | volunteers | the football club
      `,
      o: phrases`
        a new exhibition | the summer festival | ticket prices | the reading programme
        a restored mural | the season opener | weekend markets | a community garden
      `,
      p: phrases`
        visitors queued around the block | the event sold out within hours
        local businesses reported a busy weekend | critics praised the performance
        organisers hope to make it an annual event
      `,
      rare: [
        { slot: 'S', doc: 0.15, words: phrases`the owners of a small café` },
        { slot: 'S', doc: 0.08, words: phrases`Café Lumen` },
      ],
    },
  ],
  t: phrases`
    this week | on Monday | on Tuesday | on Thursday | last month | earlier this year
    in the third quarter | over the past decade | since January | by the end of the year
    in recent weeks | yesterday | last year | in the coming months
  `,
  a: phrases`
    quietly | formally | once again | finally | gradually | sharply | unexpectedly | officially
    firmly | cautiously
  `,
  v: phrases`
    announced | expanded | delayed | reviewed | backed | criticised | launched | approved
    postponed | defended | unveiled | cut | raised | questioned | welcomed | rejected | tested
    outlined | confirmed | suspended | extended | scrapped | revised | published | discussed
  `,
  c: phrases`
    meanwhile | however | at the same time | in contrast | even so | still | for now
    separately | elsewhere | on balance | in practice
  `,
  x: phrases`
    the capital | the northern provinces | coastal cities | rural areas | Europe | Asia
    the region | three states | the harbour district | the eastern suburbs | Shanghai | London
    Singapore | Berlin | Toronto | Sydney
  `,
  m: phrases`
    Harbor Daily | the Coastal Courier | Byte Ledger | The Meridian | the Valley Tribune
    local media | a government report | industry data
  `,
  r: phrases`
    one analyst | a senior official | a spokesperson for the company
    an economist at a regional bank | a local shop owner | a campaign adviser
    a researcher involved in the study | a long-time resident
  `,
  sentences: [
    '{T^}, {S} {A} {V} {O}.',
    '{S^} {V} {O} {T}, and {P}.',
    '{C^}, {S} {V} {O}.',
    'According to {M}, {S} {V} {O} in {X}.',
    '"{P^}," said {R}.',
    '{R^} said that {P}.',
    'Spending linked to {O} in {X} grew by {Q} percent to {N} million {T}.',
    'In {X}, {S} {V} {O}, while {S} {A} {V} {O}.',
    '{C^}, {P}.',
    'The move comes after {S} {V} {O} {T}.',
    '{S^} {A} {V} {O}, saying that {P}.',
    ['Market watchers in {X} said {P}, although {S} {V} {O}.', 0.3],
  ],
  titles: ['{S^} {V} {O}', '{O^}: {P}', '{X^}: {S} {V} {O}', '{S^} {A} {V} {O} {T}'],
  headings: ['{O^}', 'What {S} {V}', '{X^} and {O}', 'Why {P}'],
  items: ['{S^} {V} {O}.', '{O^}: {P}.', '{X^}: {P}.'],
  table: ['Item', 'Value (m)', 'Change'],
  tags: phrases`
    markets | business | technology | politics | economy | world | science | health | sports
    culture | election | energy | climate | finance | stocks | banking | rates | inflation
    housing | jobs | trade | transport | city | education | travel | weather | AI | software
    startups | smartphones | semiconductors | cloud | security | privacy | space | ocean
    environment | agriculture | food | music | film | books | library | art | museums | football
    tennis | cycling | running | olympics | elections | parliament | courts | policy | tax
    budget | retail | autos | EVs | batteries | oil | gas | solar | wind | mining | shipping
    aviation | rail | ports | tourism | hotels | media | television | gaming | social media
    crypto | payments | insurance | pensions | property | construction | manufacturing
    supply chain | exports | labour | unions | healthcare | vaccines | research | universities
    schools | community | local news | opinion | interview | explainer | history | fashion
    design | architecture | coffee
  `,
}

/** Variety for the `{Z}` slot, used by one Chinese template. */
const ZH_STANCE = ['谨慎', '乐观', '积极', '保守', '分化', '理性'] as const

// ---------------------------------------------------------------------------------------------
// Simplified → traditional for the zh-TW / zh-HK share. Character pairs for every character in the
// vocabulary above that differs, taken once from OpenCC (cn → tw) and kept here so the generator
// needs no dependency; words whose characters convert differently in context come first. A new
// word with a character missing here comes out half simplified, so extend the tables with it.

const S2T_WORDS: readonly (readonly [string, string])[] = [
  ['阿里', '阿里'],
  ['复苏', '復甦'],
  ['复杂', '複雜'],
  ['周刊', '週刊'],
  ['上周', '上週'],
  ['本周', '本週'],
  ['周一', '週一'],
  ['周三', '週三'],
  ['周五', '週五'],
  ['并购', '併購'],
  ['制造', '製造'],
  ['预制', '預製'],
  ['联系', '聯繫'],
  ['沈阳', '瀋陽'],
  ['信托', '信託'],
  ['世界杯', '世界盃'],
  ['折叠', '摺疊'],
]
const S2T_FROM =
  '联网业厂机创发团队台头开区云务软实验苹里腾讯华为节动应计数据导体产统项驾驶术络转' +
  '设备卫处办叠内广关竞争趋场间阔门槛断进户规续扩声涨监链压缓问题视长经济继银资险构' +
  '证储欧财国货币贷报价债汇预胀专黄红稳绪复苏临带块温个点还环杂显观运总风强额较电连' +
  '锁饮购费递卖东妆线会员时锐旧换鲜销游战历车势营亚桩态剧渗让赁积楼浓现库对农种粮标' +
  '准猪叶乡丰气响顺畅馆图书乐戏独遗传档阅读质频众热难轻边练赛马组选训权异状铁约际单' +
  '紧医药检录级诊疗采辅负担减审调层来过后庆极陆谨宽优讨论试范评启暂码签与从认汉郑岛' +
  '厦宁阳县责师访协学当将达亿确说于况娱贸览无氢灾养综艺篮奥宠亲税并补贴婴装钢锂编兽' +
  '兴'
const S2T_TO =
  '聯網業廠機創發團隊臺頭開區雲務軟實驗蘋裡騰訊華為節動應計數據導體產統項駕駛術絡轉' +
  '設備衛處辦疊內廣關競爭趨場間闊門檻斷進戶規續擴聲漲監鏈壓緩問題視長經濟繼銀資險構' +
  '證儲歐財國貨幣貸報價債匯預脹專黃紅穩緒復蘇臨帶塊溫個點還環雜顯觀運總風強額較電連' +
  '鎖飲購費遞賣東妝線會員時銳舊換鮮銷遊戰歷車勢營亞樁態劇滲讓賃積樓濃現庫對農種糧標' +
  '準豬葉鄉豐氣響順暢館圖書樂戲獨遺傳檔閱讀質頻眾熱難輕邊練賽馬組選訓權異狀鐵約際單' +
  '緊醫藥檢錄級診療採輔負擔減審調層來過後慶極陸謹寬優討論試範評啟暫碼簽與從認漢鄭島' +
  '廈寧陽縣責師訪協學當將達億確說於況娛貿覽無氫災養綜藝籃奧寵親稅並補貼嬰裝鋼鋰編獸' +
  '興'

const S2T_CHARS = new Map<string, string>()
{
  const from = [...S2T_FROM]
  const to = [...S2T_TO]
  if (from.length !== to.length) throw new Error('S2T tables differ in length')
  from.forEach((ch, k) => S2T_CHARS.set(ch, to[k] as string))
}

function toTraditional(text: string): string {
  let out = ''
  let k = 0
  outer: while (k < text.length) {
    for (const [s, t] of S2T_WORDS) {
      if (text.startsWith(s, k)) {
        out += t
        k += s.length
        continue outer
      }
    }
    const ch = text[k] as string
    out += S2T_CHARS.get(ch) ?? ch
    k++
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Compiled vocabularies

type Lang = 'zh-CN' | 'zh-TW' | 'zh-HK' | 'en'

interface Rare {
  slot: Slot
  doc: number
  words: Bag
}

interface Topic {
  s: Bag
  o: Bag
  p: Bag
  rare: Rare[]
}

interface Vocab {
  zh: boolean
  topicBag: Bag<Topic>
  t: Bag
  a: Bag
  v: Bag
  c: Bag
  x: Bag
  m: Bag
  r: Bag
  z: Bag
  /** Templates as token arrays: slots like `{S}` are tokens of their own, so filling is a walk. */
  sentences: Bag<string[]>
  titles: string[][]
  headings: string[][]
  items: string[][]
  table: readonly [string, string, string]
  tags: Bag
}

function compile(src: LangSource, zh: boolean, map: (s: string) => string): Vocab {
  const conv = (entries: readonly Entry[]): Bag =>
    bag(entries.map((e) => (typeof e === 'string' ? map(e) : ([map(e[0]), e[1]] as const))))
  const tokens = (template: string) =>
    map(template)
      .split(/(\{[A-Z]\^?\})/)
      .filter((tok) => tok !== '')
  const topics = src.topics.map((t) => ({
    s: conv(t.s),
    o: conv(t.o),
    p: conv(t.p),
    rare: (t.rare ?? []).map((r) => ({ slot: r.slot, doc: r.doc, words: conv(r.words) })),
  }))
  return {
    zh,
    topicBag: weightedBag(
      topics,
      src.topics.map((t) => t.weight),
    ),
    t: conv(src.t),
    a: conv(src.a),
    v: conv(src.v),
    c: conv(src.c),
    x: conv(src.x),
    m: conv(src.m),
    r: conv(src.r),
    z: conv(ZH_STANCE),
    sentences: weightedBag(
      src.sentences.map((e) => tokens(typeof e === 'string' ? e : e[0])),
      src.sentences.map((e) => (typeof e === 'string' ? 1 : e[1])),
    ),
    titles: src.titles.map(tokens),
    headings: src.headings.map(tokens),
    items: src.items.map(tokens),
    table: [map(src.table[0]), map(src.table[1]), map(src.table[2])],
    tags: zipfBag(src.tags.map((e) => map(typeof e === 'string' ? e : e[0]))),
  }
}

const VOCAB: Record<Lang, Vocab> = (() => {
  const same = (s: string) => s
  const zhHant = compile(ZH, true, toTraditional)
  return {
    'zh-CN': compile(ZH, true, same),
    'zh-TW': zhHant,
    'zh-HK': zhHant,
    en: compile(EN, false, same),
  }
})()

interface Source {
  id: string
  name: string
  domain: string
  lang: Lang
}

// ~20 outlets, so that 100k files leave no folder with more than a few thousand entries.
const SOURCES: readonly Source[] = [
  { id: 'chenbao', name: '晨报', domain: 'chenbao.example.cn', lang: 'zh-CN' },
  { id: 'shangbao', name: '商报', domain: 'shangbao.example.cn', lang: 'zh-CN' },
  { id: 'jishu-ribao', name: '技术日报', domain: 'jishu-ribao.example.cn', lang: 'zh-CN' },
  { id: 'xinzhou-wanbao', name: '新洲晚报', domain: 'xinzhou-wanbao.example.cn', lang: 'zh-CN' },
  { id: 'caijing-zhoukan', name: '财经周刊', domain: 'caijing.example.cn', lang: 'zh-CN' },
  { id: 'keji-kuaixun', name: '科技快讯', domain: 'kuaixun.example.cn', lang: 'zh-CN' },
  { id: 'dushi-kuaibao', name: '都市快报', domain: 'dushi.example.cn', lang: 'zh-CN' },
  { id: 'jiangnan-shibao', name: '江南时报', domain: 'jiangnan.example.cn', lang: 'zh-CN' },
  { id: 'beifang-ribao', name: '北方日报', domain: 'beifang.example.cn', lang: 'zh-CN' },
  { id: 'xibu-shangbao', name: '西部商报', domain: 'xibu.example.cn', lang: 'zh-CN' },
  { id: 'binhai-xinwen', name: '滨海新闻', domain: 'binhai.example.cn', lang: 'zh-CN' },
  { id: 'qingnian-guancha', name: '青年观察', domain: 'qingnian.example.cn', lang: 'zh-CN' },
  { id: 'gangkou-weekly', name: '港口週刊', domain: 'gangkou-weekly.example.tw', lang: 'zh-TW' },
  { id: 'donggang-ribao', name: '東港日報', domain: 'donggang.example.tw', lang: 'zh-TW' },
  { id: 'xiangjiang-pinglun', name: '香江評論', domain: 'xiangjiang.example.hk', lang: 'zh-HK' },
  { id: 'harbor-daily', name: 'Harbor Daily', domain: 'harbor-daily.example', lang: 'en' },
  { id: 'coastal-courier', name: 'Coastal Courier', domain: 'coastal-courier.example', lang: 'en' },
  { id: 'byte-ledger', name: 'Byte Ledger', domain: 'byte-ledger.example', lang: 'en' },
  { id: 'the-meridian', name: 'The Meridian', domain: 'meridian.example', lang: 'en' },
  { id: 'valley-tribune', name: 'Valley Tribune', domain: 'valley-tribune.example', lang: 'en' },
]

const SOURCES_BY_LANG: Record<Lang, Source[]> = {
  'zh-CN': SOURCES.filter((s) => s.lang === 'zh-CN'),
  'zh-TW': SOURCES.filter((s) => s.lang === 'zh-TW'),
  'zh-HK': SOURCES.filter((s) => s.lang === 'zh-HK'),
  en: SOURCES.filter((s) => s.lang === 'en'),
}

// ---------------------------------------------------------------------------------------------
// Article assembly

// A file stops at most one sentence (well under 400 bytes) short of its target, so every size
// stays within 2–8 KB whichever way KB is read.
const MIN_TARGET = 2400
const MAX_TARGET = 8000
const DATE_FROM = Date.UTC(2015, 0, 1)
const DATE_TO = Date.UTC(2027, 0, 1)

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8')
const pad2 = (n: number) => (n < 10 ? '0' : '') + n
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const yamlString = (s: string) => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"'

/** What one article draws its words from. */
interface Ctx {
  v: Vocab
  topic: Topic
  rng: Rng
  /** This article's rare words, by slot; empty for most articles. */
  rare: Record<Slot, Bag[]>
}

/** Share of a slot's fills that use one of the article's rare words, when it has any. */
const RARE_USE = 0.2

function slot(ctx: Ctx, which: Slot, common: Bag): string {
  const rare = ctx.rare[which]
  if (rare.length > 0 && ctx.rng() < RARE_USE) return pick(pickOf(rare, ctx.rng), ctx.rng)
  return pick(common, ctx.rng)
}

function fill(tokens: readonly string[], ctx: Ctx, emphasis = 0): string {
  const { v, topic, rng } = ctx
  let out = ''
  for (const tok of tokens) {
    if (tok.charCodeAt(0) !== 123 /* { */ || tok.length > 4) {
      out += tok
      continue
    }
    let word: string
    switch (tok[1]) {
      case 'S':
        word = slot(ctx, 'S', topic.s)
        break
      case 'O':
        word = slot(ctx, 'O', topic.o)
        if (emphasis > 0 && rng() < emphasis) word = v.zh ? `**${word}**` : `*${word}*`
        break
      case 'P':
        word = slot(ctx, 'P', topic.p)
        break
      case 'T':
        word = pick(v.t, rng)
        break
      case 'A':
        word = pick(v.a, rng)
        break
      case 'V':
        word = pick(v.v, rng)
        break
      case 'C':
        word = pick(v.c, rng)
        break
      case 'X':
        word = pick(v.x, rng)
        break
      case 'M':
        word = pick(v.m, rng)
        break
      case 'R':
        word = pick(v.r, rng)
        break
      case 'Z':
        word = pick(v.z, rng)
        break
      case 'N':
        word = String(2 + Math.floor(rng() * 998))
        break
      case 'Q':
        word = (rng() * 40).toFixed(1)
        break
      default:
        word = tok
    }
    out += tok[2] === '^' ? upperFirst(word) : word
  }
  return v.zh ? out : upperFirst(out)
}

function sentence(ctx: Ctx): string {
  return fill(pick(ctx.v.sentences, ctx.rng), ctx, 0.04)
}

function paragraph(ctx: Ctx): string {
  const n = 2 + Math.floor(ctx.rng() * 4)
  const parts: string[] = []
  for (let k = 0; k < n; k++) parts.push(sentence(ctx))
  return parts.join(ctx.v.zh ? '' : ' ')
}

function block(ctx: Ctx, first: boolean): string {
  const { v, topic, rng } = ctx
  const r = rng()
  if (first || r < 0.74) return paragraph(ctx)
  if (r < 0.86) return '## ' + fill(pickOf(v.headings, rng), ctx)
  if (r < 0.93) {
    const ordered = rng() < 0.3
    const n = 3 + Math.floor(rng() * 3)
    const lines: string[] = []
    for (let k = 0; k < n; k++) {
      lines.push((ordered ? `${k + 1}. ` : '- ') + fill(pickOf(v.items, rng), ctx))
    }
    return lines.join('\n')
  }
  if (r < 0.985) return '> ' + sentence(ctx)
  const rows = [`| ${v.table.join(' | ')} |`, '| --- | ---: | ---: |']
  const n = 2 + Math.floor(rng() * 4)
  for (let k = 0; k < n; k++) {
    const change = (rng() * 30 - 10).toFixed(1)
    rows.push(`| ${pick(topic.o, rng)} | ${(rng() * 900 + 10).toFixed(1)} | ${change}% |`)
  }
  return rows.join('\n')
}

function formatDate(ms: number): string {
  const d = new Date(ms)
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  )
}

export interface GeneratedArticle {
  /** Path relative to the output folder, with forward slashes. */
  rel: string
  text: string
}

/** Builds article `i` of the corpus for `seed`; pure, so tests and tools can call it directly. */
export function generateArticle(i: number, seed = 1, zhRatio = 0.8): GeneratedArticle {
  const rng = mulberry32(fileSeed(seed, i))
  let lang: Lang = 'en'
  if (rng() < zhRatio) {
    const r = rng()
    lang = r < 0.82 ? 'zh-CN' : r < 0.94 ? 'zh-TW' : 'zh-HK'
  }
  const v = VOCAB[lang]
  const source = pickOf(SOURCES_BY_LANG[lang], rng)
  const topic = pick(v.topicBag, rng)
  const ctx: Ctx = { v, topic, rng, rare: { S: [], O: [], P: [] } }
  for (const r of topic.rare) if (rng() < r.doc) ctx.rare[r.slot].push(r.words)

  // Archives grow over time, so later years hold more articles.
  const ms = DATE_FROM + Math.floor(Math.pow(rng(), 0.7) * (DATE_TO - DATE_FROM))
  const date = formatDate(ms)
  const title = fill(pickOf(v.titles, rng), ctx)
  // Real feeds often leave the summary empty.
  const summary = rng() < 0.15 ? '' : sentence(ctx)
  const tagCount = 1 + Math.floor(Math.pow(rng(), 1.5) * 4)
  const tags: string[] = []
  for (let tries = 0; tags.length < tagCount && tries < 12; tries++) {
    const tag = pick(v.tags, rng)
    if (!tags.includes(tag)) tags.push(tag)
  }

  const header =
    '---\n' +
    `title: ${yamlString(title)}\n` +
    `date: ${yamlString(date)}\n` +
    `summary: ${yamlString(summary)}\n` +
    `categories:\n  - ${yamlString(source.id)}\n` +
    `lang:\n  - ${yamlString(lang)}\n` +
    `translations:\n  - ${yamlString(lang)}\n` +
    `tags:\n${tags.map((t) => `  - ${yamlString(t)}\n`).join('')}` +
    'menu: ""\nthumbnail: ""\nlead: ""\ncomments: false\nauthorbox: false\npager: true\n' +
    'toc: false\nmathjax: false\nsidebar: "right"\nwidgets:\n  - "search"\n  - "recent"\n' +
    '  - "taglist"\n---\n\n'
  const slug = fileSeed(seed ^ 0x5bd1e995, i).toString(36)
  const link =
    `[${source.name}](https://${source.domain}/${date.slice(0, 4)}/` +
    `${date.slice(5, 7)}${date.slice(8, 10)}/${slug}.html)\n`

  const target = MIN_TARGET + Math.floor(Math.pow(rng(), 1.6) * (MAX_TARGET - MIN_TARGET))
  // Body blocks are joined by blank lines and followed by one before the link.
  let size = utf8(header) + utf8(link)
  const blocks: string[] = []
  for (;;) {
    const b = block(ctx, blocks.length === 0)
    const cost = utf8(b) + 2
    if (size + cost <= target) {
      blocks.push(b)
      size += cost
      continue
    }
    // Top up with single sentences so the file lands close to its target size.
    for (;;) {
      const s = sentence(ctx)
      const c = utf8(s) + 2
      if (size + c > target) break
      blocks.push(s)
      size += c
    }
    break
  }

  return {
    rel: `${lang}/news/${source.id}/${i}.md`,
    text: header + blocks.join('\n\n') + '\n\n' + link,
  }
}

/**
 * Writes `count` articles under `dir` (created if missing). Same seed and options, same bytes.
 */
export async function generateCorpus(
  dir: string,
  count: number,
  opts: GenerateOptions = {},
): Promise<GenerateResult> {
  const seed = opts.seed ?? 1
  const zhRatio = opts.zhRatio ?? 0.8
  if (!Number.isInteger(count) || count < 0) throw new Error(`Bad count: ${count}`)
  const dirs = new Map<string, Promise<unknown>>()
  let next = 0
  let bytes = 0
  // Enough writes in flight to keep the file system busy without holding much text in memory.
  const worker = async () => {
    for (;;) {
      const i = next++
      if (i >= count) return
      const { rel, text } = generateArticle(i, seed, zhRatio)
      const abs = join(dir, rel)
      const folder = join(abs, '..')
      let made = dirs.get(folder)
      if (made === undefined) {
        made = mkdir(folder, { recursive: true })
        dirs.set(folder, made)
      }
      await made
      await writeFile(abs, text)
      bytes += utf8(text)
    }
  }
  await Promise.all(Array.from({ length: Math.min(32, count) }, worker))
  return { files: count, bytes }
}

function isMain(): boolean {
  const script = process.argv[1]
  if (script === undefined) return false
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href
  } catch {
    return false
  }
}

if (isMain()) {
  const [dir, countArg, seedArg] = process.argv.slice(2)
  const count = Number(countArg)
  const seed = seedArg === undefined ? 1 : Number(seedArg)
  if (dir === undefined || !Number.isInteger(count) || count < 0 || !Number.isInteger(seed)) {
    console.error('usage: tsx bench/generate.ts <dir> <count> [seed]')
    process.exit(2)
  }
  const started = performance.now()
  const { files, bytes } = await generateCorpus(dir, count, { seed })
  const secs = (performance.now() - started) / 1000
  console.log(
    `wrote ${files} files, ${(bytes / 1048576).toFixed(1)} MiB, to ${dir} in ${secs.toFixed(1)} s`,
  )
}
